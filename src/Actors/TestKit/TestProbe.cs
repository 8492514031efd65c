namespace ActorWarehouse.Actors.TestKit;

/// <summary>A second (third, ...) test actor with its own queue: use one per collaborator an actor talks to.</summary>
public sealed class TestProbe : TestKitBase
{
    private static long _counter;

    internal TestProbe(ActorSystem system, string? name) : base(system)
    {
        StartTestActor(name ?? "testProbe-" + Interlocked.Increment(ref _counter));
    }

    public IActorRef Ref => TestActor;

    /// <summary>Sends with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, TestActor);

    /// <summary>Replies to the sender of the last received message.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Passes the last received message on, keeping its sender.</summary>
    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);
}
