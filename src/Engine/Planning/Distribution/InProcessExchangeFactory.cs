using ActorWarehouse.Engine.Execution;

namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>Exchanges between the worker threads of one process (one node holding every slice).</summary>
public sealed class InProcessExchangeFactory : IExchangeFactory
{
    /// <summary>Batches a streaming consumer may have waiting per producer before producers block.</summary>
    public const int StreamingBatchesPerProducer = 8;

    public static readonly InProcessExchangeFactory Instance = new();

    public int Nodes => 1;

    public int LocalNode => 0;

    public IExchange Open(ExchangeSpec spec, QueryContext context) =>
        new InProcessExchange(spec.Kind, spec.Producers, spec.Consumers, spec.KeyColumns,
            spec.Buffered ? null : Math.Max(2, spec.Producers * StreamingBatchesPerProducer),
            spec.Buffered ? context.Memory : null);
}
