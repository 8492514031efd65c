using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Storage;

/// <summary>Catalog journal kept in memory, for tests and <c>Warehouse.OpenInMemory</c>.</summary>
public sealed class InMemoryCatalogJournal : ICatalogJournal
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, byte[]> _versions = new();
    private long _current;

    public long CurrentVersion
    {
        get { lock (_gate) return _current; }
    }

    public CatalogRecord? ReadCurrent()
    {
        lock (_gate) return _current == 0 ? null : new CatalogRecord(_current, _versions[_current]);
    }

    public byte[]? ReadVersion(long version)
    {
        lock (_gate) return _versions.TryGetValue(version, out var payload) ? payload : null;
    }

    public long Commit(long expectedCurrentVersion, ReadOnlySpan<byte> payload)
    {
        var copy = payload.ToArray();
        lock (_gate)
        {
            if (expectedCurrentVersion != _current) throw CatalogConflict.Exception(expectedCurrentVersion, _current);
            _versions[++_current] = copy;
            return _current;
        }
    }

    public IReadOnlyList<long> Versions()
    {
        lock (_gate) return _versions.Keys.ToList();
    }

    public void Prune(long oldestToKeep)
    {
        lock (_gate)
            foreach (long v in _versions.Keys.Where(v => v < oldestToKeep && v != _current).ToList()) _versions.Remove(v);
    }

    public void Dispose()
    {
    }
}

internal static class CatalogConflict
{
    public static SqlException Exception(long expected, long actual) =>
        new(SqlState.SerializationFailure,
            $"could not serialize access due to concurrent update: catalog moved from version {expected} to {actual}");
}
