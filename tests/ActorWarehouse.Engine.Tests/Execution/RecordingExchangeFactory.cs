using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Formats.Arrow;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Tests.Execution;

/// <summary>
/// A transport stand-in for tests: every batch sent through an exchange is written as an Arrow IPC stream and read
/// back (as a cluster transport would carry it) before the in-process exchange delivers it, and rows are counted per
/// exchange kind. <see cref="FailRedistribution"/> makes every redistribution fail on its first batch.
/// </summary>
internal sealed class RecordingExchangeFactory(int nodes = 1) : IExchangeFactory
{
    private long _gathered, _broadcast, _redistributed;
    private int _opened;

    public int Nodes => nodes;

    public int LocalNode => 0;

    public bool FailRedistribution { get; init; }

    public long RowsGathered => Interlocked.Read(ref _gathered);

    public long RowsBroadcast => Interlocked.Read(ref _broadcast);

    public long RowsRedistributed => Interlocked.Read(ref _redistributed);

    public int ExchangesOpened => Volatile.Read(ref _opened);

    public List<ExchangeSpec> Specs { get; } = [];

    public IExchange Open(ExchangeSpec spec, QueryContext context)
    {
        Interlocked.Increment(ref _opened);
        lock (Specs) Specs.Add(spec);
        return new RecordingExchange(this, spec, InProcessExchangeFactory.Instance.Open(spec, context));
    }

    private sealed class RecordingExchange(RecordingExchangeFactory owner, ExchangeSpec spec, IExchange inner) : IExchange
    {
        public ExchangeKind Kind => inner.Kind;

        public int Producers => inner.Producers;

        public int Consumers => inner.Consumers;

        public void Send(int producer, Batch batch, CancellationToken cancellation)
        {
            if (owner.FailRedistribution && Kind == ExchangeKind.Redistribute) throw new IOException("transport lost the connection");
            var carried = RoundTrip(batch);
            if (Kind == ExchangeKind.Gather) Interlocked.Add(ref owner._gathered, carried.RowCount);
            else if (Kind == ExchangeKind.Broadcast) Interlocked.Add(ref owner._broadcast, carried.RowCount);
            else Interlocked.Add(ref owner._redistributed, carried.RowCount);
            inner.Send(producer, carried, cancellation);
        }

        private Batch RoundTrip(Batch batch)
        {
            using var buffer = new MemoryStream();
            using (var writer = new ArrowStreamWriter(buffer, spec.Types.Select((t, i) => new ArrowField($"c{i}", t)).ToArray(), leaveOpen: true))
            {
                writer.WriteBatch(batch);
                writer.Finish();
            }
            buffer.Position = 0;
            using var reader = new ArrowStreamReader(buffer);
            var carried = reader.ReadNextBatch() ?? throw new InvalidDataException("the stream lost its batch");
            Assert.Null(reader.ReadNextBatch());
            return carried;
        }

        public void Complete(int producer) => inner.Complete(producer);

        public void Fail(Exception error) => inner.Fail(error);

        public IEnumerable<Batch> Receive(int consumer, CancellationToken cancellation) => inner.Receive(consumer, cancellation);

        public void Dispose() => inner.Dispose();
    }
}
