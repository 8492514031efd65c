using System.Linq.Expressions;

namespace ActorWarehouse.Actors;

/// <summary>
/// An immutable recipe for creating an actor: its factory plus dispatcher, mailbox and the supervisor strategy it
/// applies to its own children.
/// </summary>
public sealed class Props
{
    public const string DefaultDispatcherId = "akka.actor.default-dispatcher";
    public const string DefaultMailboxId = "akka.actor.default-mailbox";

    private readonly Func<ActorBase> _factory;

    private Props(Type type, Func<ActorBase> factory, string dispatcher, string mailbox, SupervisorStrategy? strategy)
    {
        Type = type;
        _factory = factory;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
        SupervisorStrategy = strategy;
    }

    public Type Type { get; }
    public string Dispatcher { get; }
    public string Mailbox { get; }
    public SupervisorStrategy? SupervisorStrategy { get; }

    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor(), DefaultDispatcherId, DefaultMailboxId, null);

    /// <summary>
    /// <c>Props.Create(() =&gt; new MyActor(a, b))</c>: the expression is compiled once here; every incarnation
    /// (first start and each restart) evaluates it again, so captured arguments are re-read.
    /// </summary>
    public static Props Create<TActor>(Expression<Func<TActor>> factory) where TActor : ActorBase
    {
        var compiled = factory.Compile();
        return new Props(typeof(TActor), compiled, DefaultDispatcherId, DefaultMailboxId, null);
    }

    /// <summary>Ours (not in Akka): a plain delegate factory, cheap to build on hot paths.</summary>
    public static Props CreateBy<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        new(typeof(TActor), factory, DefaultDispatcherId, DefaultMailboxId, null);

    public Props WithDispatcher(string dispatcherId) => new(Type, _factory, dispatcherId, Mailbox, SupervisorStrategy);
    public Props WithMailbox(string mailboxId) => new(Type, _factory, Dispatcher, mailboxId, SupervisorStrategy);
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(Type, _factory, Dispatcher, Mailbox, strategy);

    internal ActorBase NewActor() => _factory();
}
