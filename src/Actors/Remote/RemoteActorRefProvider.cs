namespace ActorWarehouse.Actors.Remote;

internal sealed class RemoteActorRefProvider(ActorSystem system)
{
    public ActorSystem System { get; } = system;
    public Address Bind() => throw new NotSupportedException("remoting is being written");
    public void Start() { }
    public InternalActorRef? RemoteRefFor(ActorPath path) => null;
    public void SendSelection(RemoteActorRef anchor, IReadOnlyList<string> elements, object message, IActorRef? sender) { }
    public Task ShutdownAsync() => Task.CompletedTask;
}

internal sealed class RemoteActorRef(RemoteActorRefProvider provider, ActorPath path) : MinimalActorRef
{
    public RemoteActorRefProvider Provider { get; } = provider;
    public override ActorPath Path { get; } = path;
    public override void Tell(object message, IActorRef? sender) { }
}
