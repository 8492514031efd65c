namespace ActorWarehouse.Actors.Persistence;

/// <summary>INTERNAL API: asks for one of the <c>max-concurrent-recoveries</c> slots.</summary>
internal sealed class RequestRecoveryPermit
{
    public static readonly RequestRecoveryPermit Instance = new();
    private RequestRecoveryPermit() { }
}

internal sealed class RecoveryPermitGranted
{
    public static readonly RecoveryPermitGranted Instance = new();
    private RecoveryPermitGranted() { }
}

internal sealed class ReturnRecoveryPermit
{
    public static readonly ReturnRecoveryPermit Instance = new();
    private ReturnRecoveryPermit() { }
}

/// <summary>
/// INTERNAL API: limits how many persistent actors recover at once, so that thousands of entities starting together
/// do not flood the journal (and open its circuit breaker). Waiting actors are served first come, first served;
/// an actor that stops while holding or waiting for a permit gives it back.
/// </summary>
internal sealed class RecoveryPermitter(int maxPermits) : ActorBase
{
    private readonly LinkedList<IActorRef> _pending = new();
    private readonly HashSet<IActorRef> _holders = [];

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case RequestRecoveryPermit:
                Context.Watch(Sender);
                if (_holders.Count < maxPermits)
                {
                    _holders.Add(Sender);
                    Sender.Tell(RecoveryPermitGranted.Instance, Self);
                }
                else _pending.AddLast(Sender);
                return true;
            case ReturnRecoveryPermit:
                Release(Sender);
                return true;
            case Terminated t:
                _pending.Remove(t.ActorRef);
                Release(t.ActorRef);
                return true;
            default:
                return false;
        }
    }

    private void Release(IActorRef actor)
    {
        if (!_holders.Remove(actor)) return;
        Context.Unwatch(actor);
        while (_holders.Count < maxPermits && _pending.First is { } next)
        {
            _pending.RemoveFirst();
            _holders.Add(next.Value);
            next.Value.Tell(RecoveryPermitGranted.Instance, Self);
        }
    }
}
