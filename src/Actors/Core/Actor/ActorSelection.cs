using System.Text.RegularExpressions;
using ActorWarehouse.Actors.Remote;

namespace ActorWarehouse.Actors;

/// <summary>
/// A path lookup from an anchor that may match zero or many actors (<c>*</c> and <c>?</c> wildcards, <c>..</c>).
/// Messages go to every match at send time. Resolve to one ref with <see cref="ResolveOne"/>.
/// </summary>
public sealed class ActorSelection : ICanTell
{
    internal ActorSelection(InternalActorRef anchor, IReadOnlyList<string> elements)
    {
        Anchor = anchor;
        Elements = elements;
    }

    public IActorRef Anchor { get; }
    public IReadOnlyList<string> Elements { get; }
    public string PathString => "/" + string.Join('/', Elements);

    public void Tell(object message, IActorRef? sender)
    {
        var anchor = (InternalActorRef)Anchor;
        if (anchor is RemoteActorRef remote)
        {
            remote.Provider.SendSelection(remote, Elements, message, sender);
            return;
        }
        var system = anchor is LocalActorRef local ? local.Cell.System : null;
        if (system is null) return;
        DeliverLocally(system, anchor, Elements, message, sender);
    }

    /// <summary>INTERNAL API: resolves the elements from a local anchor and delivers to every match.</summary>
    internal static void DeliverLocally(ActorSystem system, InternalActorRef anchor, IReadOnlyList<string> elements, object message, IActorRef? sender)
    {
        var matches = new List<InternalActorRef>();
        bool wildcard = elements.Any(HasWildcard);
        Collect(system, anchor, elements, 0, matches);
        if (matches.Count == 0)
        {
            if (message is Identify identify)
            {
                if (!wildcard) sender?.Tell(new ActorIdentity(identify.MessageId, null), system.DeadLetters);
            }
            else
            {
                system.DeadLetters.Tell(new DeadLetter(message, sender ?? system.DeadLetters, anchor), ActorRefs.NoSender);
            }
            return;
        }
        foreach (var m in matches) m.Tell(message, sender);
    }

    private static bool HasWildcard(string element) => element.Contains('*') || element.Contains('?');

    private static void Collect(ActorSystem system, InternalActorRef current, IReadOnlyList<string> elements, int index, List<InternalActorRef> matches)
    {
        if (index == elements.Count)
        {
            matches.Add(current);
            return;
        }
        var element = elements[index];
        if (element == "..")
        {
            if (current is LocalActorRef l) Collect(system, l.Cell.Parent, elements, index + 1, matches);
            return;
        }
        if (current is not LocalActorRef local)
        {
            // Only the root's special children are not cells.
            return;
        }
        if (HasWildcard(element))
        {
            var pattern = new Regex("^" + Regex.Escape(element).Replace("\\*", ".*").Replace("\\?", ".") + "$");
            foreach (var child in local.Cell.ChildRefs)
                if (pattern.IsMatch(child.Path.Name)) Collect(system, child, elements, index + 1, matches);
            return;
        }
        var next = local.Cell.GetChild(element);
        if (next is null && ReferenceEquals(current, system.RootGuardian))
        {
            var special = system.ResolveLocal(elements.Skip(index).ToArray(), ActorPath.UndefinedUid);
            if (special is not null) matches.Add(special);
            return;
        }
        if (next is not null) Collect(system, next, elements, index + 1, matches);
    }

    /// <summary>Asks the selection to identify itself; fails with <see cref="ActorNotFoundException"/> when nothing answers.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        ActorIdentity identity;
        try { identity = await this.Ask<ActorIdentity>(new Identify(null), timeout); }
        catch (AskTimeoutException) { throw new ActorNotFoundException($"no actor at {this}"); }
        return identity.Subject ?? throw new ActorNotFoundException($"no actor at {this}");
    }

    public override string ToString() => $"ActorSelection[Anchor({Anchor.Path}), Path({PathString})]";
}
