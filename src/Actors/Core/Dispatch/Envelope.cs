namespace ActorWarehouse.Actors.Dispatch;

/// <summary>A user message with its sender, as it sits in a mailbox.</summary>
internal readonly struct Envelope(object message, IActorRef? sender)
{
    public readonly object Message = message;
    public readonly IActorRef? Sender = sender;
}
