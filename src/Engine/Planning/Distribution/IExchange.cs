using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Planning.Distribution;

public enum ExchangeKind
{
    /// <summary>Every producer's rows to consumer 0 (send to leader / to one slice).</summary>
    Gather,
    /// <summary>Every producer's rows to every consumer.</summary>
    Broadcast,
    /// <summary>Each row to the consumer chosen by the hash of its key columns.</summary>
    Redistribute,
}

/// <summary>
/// The seam between plan fragments: producers (one per partition of the sending fragment) send batches,
/// consumers (one per partition of the receiving fragment) receive them. The engine ships an in-process
/// implementation; the cluster host implements the same contract over its transport (Arrow IPC frames).
/// </summary>
public interface IExchange : IDisposable
{
    ExchangeKind Kind { get; }

    int Producers { get; }

    int Consumers { get; }

    /// <summary>Sends one batch from <paramref name="producer"/>; blocks when consumers fall behind.</summary>
    void Send(int producer, Batch batch, CancellationToken cancellation);

    /// <summary>Marks <paramref name="producer"/> finished; consumers end once every producer finished.</summary>
    void Complete(int producer);

    /// <summary>Fails the exchange: every consumer's next receive throws <paramref name="error"/>.</summary>
    void Fail(Exception error);

    /// <summary>The batches for <paramref name="consumer"/>, until every producer completed.</summary>
    IEnumerable<Batch> Receive(int consumer, CancellationToken cancellation);
}
