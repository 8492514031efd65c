using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

/// <summary>Anything that accepts a message with a sender: actor refs and selections.</summary>
public interface ICanTell
{
    void Tell(object message, IActorRef? sender);
}

/// <summary>An immutable, shareable handle to one actor incarnation, local or remote.</summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}

public static class ActorRefs
{
    /// <summary>"No sender": replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>A ref that is never anyone; messages to it are dropped as dead letters.</summary>
    public static readonly IActorRef Nobody = new NobodyRef();

    private sealed class NobodyRef : MinimalActorRef
    {
        private static readonly ActorPath NobodyPath = new(new Address(Address.LocalProtocol, "all-systems"), ["Nobody"]);
        public override ActorPath Path => NobodyPath;
        public override void Tell(object message, IActorRef? sender) { }
    }
}

public static class ActorRefExtensions
{
    /// <summary>Tell without a sender (outside actors) or with the current actor as sender (inside).</summary>
    public static void Tell(this ICanTell receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Self ?? ActorRefs.NoSender);

    /// <summary>Passes the message on keeping the original sender (inside an actor).</summary>
    public static void Forward(this ICanTell receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Sender ?? ActorRefs.NoSender);

    /// <summary>True for null and <see cref="ActorRefs.Nobody"/>.</summary>
    public static bool IsNobody(this IActorRef? actorRef) => actorRef is null || ReferenceEquals(actorRef, ActorRefs.Nobody);
}

/// <summary>INTERNAL API: what the runtime needs from every ref besides Tell.</summary>
public abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }
    public abstract void Tell(object message, IActorRef? sender);

    internal abstract void SendSystemMessage(SystemMessage message);

    /// <summary>Local refs answer whether the actor has finished; remote refs always say false.</summary>
    internal virtual bool IsTerminated => false;

    internal virtual bool IsLocal => true;

    private byte[]? _pathUtf8;

    /// <summary>The full path with uid as UTF-8, cached: the transport writes it into every envelope.</summary>
    internal byte[] PathUtf8 => _pathUtf8 ??= System.Text.Encoding.UTF8.GetBytes(Path.ToSerializationFormat());

    public bool Equals(IActorRef? other) =>
        other is not null && Path.Uid == other.Path.Uid && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Path, Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        int c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}

/// <summary>A ref with no mailbox: system messages are ignored unless overridden.</summary>
public abstract class MinimalActorRef : InternalActorRef
{
    internal override void SendSystemMessage(SystemMessage message) { }
}
