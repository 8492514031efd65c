using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine;

/// <summary>
/// One warehouse: its versioned catalog, its block store and journal. Sessions opened on it share the catalog;
/// each statement reads one catalog version (snapshot isolation) and each commit writes one new version.
/// </summary>
public sealed partial class Warehouse : IDisposable
{
    private bool _disposed;

    private Warehouse(string? dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    /// <summary>The folder holding blocks and the catalog journal, or null for an in-memory warehouse.</summary>
    public string? DataDirectory { get; }

    /// <summary>Opens (creating when absent) a persistent warehouse in <paramref name="dataDirectory"/>.</summary>
    public static Warehouse Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        return new Warehouse(Path.GetFullPath(dataDirectory));
    }

    /// <summary>A warehouse whose blocks and catalog live in memory only (tests, scratch work).</summary>
    public static Warehouse OpenInMemory() => new(null);

    /// <summary>A new session (its own settings and transaction state) on this warehouse.</summary>
    public Session OpenSession()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Session(this);
    }

    public void Dispose()
    {
        _disposed = true;
    }

    internal static SqlException NotWired(string what) => SqlException.NotSupported(what);
}
