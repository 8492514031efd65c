namespace ActorWarehouse.Engine.Storage;

/// <summary>Least-recently-used cache of block bytes, bounded by total size. Thread-safe.</summary>
internal sealed class BlockCache
{
    private readonly long _capacityBytes;
    private readonly Dictionary<BlockId, LinkedListNode<(BlockId Id, byte[] Bytes)>> _map = new();
    private readonly LinkedList<(BlockId Id, byte[] Bytes)> _lru = new();
    private long _bytes;

    public BlockCache(long capacityBytes) => _capacityBytes = capacityBytes;

    public bool TryGet(BlockId id, out byte[] bytes)
    {
        lock (_map)
        {
            if (_map.TryGetValue(id, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                bytes = node.Value.Bytes;
                return true;
            }
        }
        bytes = Array.Empty<byte>();
        return false;
    }

    public void Add(BlockId id, byte[] bytes)
    {
        if (bytes.Length > _capacityBytes) return;
        lock (_map)
        {
            if (_map.ContainsKey(id)) return;
            _map[id] = _lru.AddFirst((id, bytes));
            _bytes += bytes.Length;
            while (_bytes > _capacityBytes && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Id);
                _bytes -= last.Value.Bytes.Length;
            }
        }
    }

    public void Remove(BlockId id)
    {
        lock (_map)
        {
            if (!_map.Remove(id, out var node)) return;
            _lru.Remove(node);
            _bytes -= node.Value.Bytes.Length;
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
}
