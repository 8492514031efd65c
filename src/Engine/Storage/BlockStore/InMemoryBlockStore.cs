using System.Collections.Concurrent;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Storage;

/// <summary>Block store in a dictionary, for tests and <c>Warehouse.OpenInMemory</c>.</summary>
public sealed class InMemoryBlockStore : IBlockStore
{
    private readonly ConcurrentDictionary<BlockId, byte[]> _blocks = new();

    public int Count => _blocks.Count;

    public BlockId Put(ReadOnlySpan<byte> content)
    {
        var id = BlockId.Of(content);
        if (!_blocks.ContainsKey(id)) _blocks.TryAdd(id, content.ToArray());
        return id;
    }

    public byte[] Get(BlockId id) =>
        _blocks.TryGetValue(id, out var bytes)
            ? bytes
            : throw new SqlException(SqlState.DataCorrupted, $"block {id} is missing from the block store");

    public bool Contains(BlockId id) => _blocks.ContainsKey(id);

    public IReadOnlyList<BlockId> List() => _blocks.Keys.ToList();

    public void Delete(BlockId id) => _blocks.TryRemove(id, out _);

    /// <summary>Test hook: replaces a stored block's bytes without changing its id, to simulate corruption.</summary>
    internal void Overwrite(BlockId id, byte[] bytes) => _blocks[id] = bytes;
}
