using System.Collections.Concurrent;
using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

internal sealed partial class ActorCell
{
    // Read from other threads (path lookups, selections, system.ActorOf under /user), hence concurrent.
    private readonly ConcurrentDictionary<string, LocalActorRef> _children = new(StringComparer.Ordinal);
    // Children asked to stop whose DeathWatchNotification has not arrived yet.
    private readonly HashSet<IActorRef> _childrenStopping = [];
    private long _nameCounter;

    internal IEnumerable<LocalActorRef> ChildRefs => _children.Values.ToList();

    public IEnumerable<IActorRef> GetChildren() => _children.Values.ToList();

    public IActorRef Child(string name) => _children.TryGetValue(name, out var c) ? c : ActorRefs.Nobody;

    internal LocalActorRef? GetChild(string name) => _children.TryGetValue(name, out var c) ? c : null;

    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (_terminating) throw new IllegalStateException($"actor {Self.Path} is stopping; it cannot create children");
        if (name is null) name = NextName();
        else if (name.StartsWith('$')) throw new InvalidActorNameException($"actor name '{name}' must not start with '$'");
        ActorPath.ValidateName(name);
        var cell = _system.CreateCell(props, Self.Path / name, Self);
        if (!_children.TryAdd(name, cell.Self))
            throw new InvalidActorNameException($"Actor name [{name}] is not unique!");
        cell.Start();
        return cell.Self;
    }

    private string NextName()
    {
        long n = Interlocked.Increment(ref _nameCounter);
        Span<char> buffer = stackalloc char[16];
        int pos = buffer.Length;
        do { buffer[--pos] = (char)('a' + (int)(n % 26)); n /= 26; } while (n > 0);
        buffer[--pos] = '$';
        return new string(buffer[pos..]);
    }

    /// <summary>Stops a child or Self; the stop happens after the message being handled.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is not InternalActorRef target) return;
        if (target.Equals(Self))
        {
            Self.SendSystemMessage(Terminate.Instance);
            return;
        }
        if (_children.TryGetValue(target.Path.Name, out var child) && child.Equals(target))
            _childrenStopping.Add(child);
        target.SendSystemMessage(Terminate.Instance);
    }
}
