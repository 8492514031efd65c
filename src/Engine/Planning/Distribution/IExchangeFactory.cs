using ActorWarehouse.Engine.Execution;

namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>
/// Creates the exchanges of one execution. The engine ships <see cref="InProcessExchangeFactory"/> (threads of
/// one process); a cluster host supplies its own, moving the same batches between processes.
/// </summary>
public interface IExchangeFactory
{
    /// <summary>Nodes a broadcast reaches, one consumer each (1 in one process, whose slices share the copy).</summary>
    int Nodes { get; }

    /// <summary>The node of this process among <see cref="Nodes"/>: the broadcast consumer its slices read.</summary>
    int LocalNode { get; }

    IExchange Open(ExchangeSpec spec, QueryContext context);
}
