using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Least-recently-used cache of decoded column blocks, shared by scans. Blocks are immutable and
/// content-addressed, so a cached vector can never be stale; scans copy out of it and never hand the cached
/// vector itself to operators. Bounded by an estimate of the decoded size. Thread-safe.
/// </summary>
public sealed class DecodedBlockCache
{
    /// <summary>
    /// The process-wide cache scans use unless given another: a quarter of the memory the GC may use, at least
    /// 256 MiB and at most 4 GiB. Too small a cache is expensive twice: every scan decodes again, and the decoded
    /// blocks are large-object allocations whose churn triggers full collections.
    /// </summary>
    public static readonly DecodedBlockCache Shared = new(DefaultCapacity());

    private static long DefaultCapacity()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Clamp(available / 4, 256L << 20, 4L << 30);
    }

    private readonly long _capacityBytes;
    private readonly Dictionary<(BlockId, SqlType), LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _lru = new();
    private long _bytes;

    private sealed record Entry((BlockId, SqlType) Key, ColumnVector Vector, long Bytes);

    public DecodedBlockCache(long capacityBytes) => _capacityBytes = capacityBytes;

    public long Hits { get; private set; }
    public long Misses { get; private set; }

    public bool TryGet(BlockId id, SqlType type, out ColumnVector vector)
    {
        lock (_map)
        {
            if (_map.TryGetValue((id, type), out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                vector = node.Value.Vector;
                Hits++;
                return true;
            }
            Misses++;
        }
        vector = null!;
        return false;
    }

    public void Add(BlockId id, SqlType type, ColumnVector vector)
    {
        long bytes = EstimateBytes(vector);
        if (bytes > _capacityBytes / 4) return; // one block must not flush the whole cache
        lock (_map)
        {
            if (_map.ContainsKey((id, type))) return;
            _map[(id, type)] = _lru.AddFirst(new Entry((id, type), vector, bytes));
            _bytes += bytes;
            while (_bytes > _capacityBytes && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
                _bytes -= last.Value.Bytes;
            }
        }
    }

    public void Clear()
    {
        lock (_map)
        {
            _map.Clear();
            _lru.Clear();
            _bytes = 0;
        }
    }

    private static long EstimateBytes(ColumnVector vector)
    {
        long validity = vector.Validity is null ? 0 : vector.Length / 8;
        if (vector is StringVector strings) return 4L * (strings.Length + 1) + strings.Data.Length + validity;
        int width = System.Runtime.InteropServices.Marshal.SizeOf(ColumnVector.PhysicalType(vector.Type) == typeof(bool) ? typeof(byte) : ColumnVector.PhysicalType(vector.Type));
        return (long)width * vector.Length + validity;
    }
}
