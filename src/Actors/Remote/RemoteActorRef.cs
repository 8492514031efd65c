using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors.Remote;

/// <summary>
/// A ref to an actor in another actor system. Tell hands the message to the association with that system
/// (serialized on its writer); system messages (watch, unwatch, death notifications) travel acknowledged.
/// </summary>
internal sealed class RemoteActorRef : InternalActorRef
{
    public RemoteActorRef(RemoteActorRefProvider provider, ActorPath path)
    {
        Provider = provider;
        Path = path;
    }

    public RemoteActorRefProvider Provider { get; }
    public override ActorPath Path { get; }
    internal override bool IsLocal => false;

    internal Transport.Association? Association;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Provider.SendUser(this, message, sender);
    }

    internal override void SendSystemMessage(SystemMessage message) => Provider.SendSystem(this, message);
}
