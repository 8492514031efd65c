using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;

namespace ActorWarehouse.Engine;

/// <summary>
/// One warehouse: its versioned catalog (through <see cref="Transactions"/>), its block store and journal. Sessions
/// opened on it share the catalog; each statement reads one catalog version (snapshot isolation) and each commit
/// writes one new version atomically.
/// </summary>
public sealed partial class Warehouse : IDisposable
{
    private readonly object _loadErrorsGate = new();
    private readonly List<RecordedLoadError> _loadErrors = new();
    private bool _disposed;

    private Warehouse(string? dataDirectory, IBlockStore blocks, ICatalogJournal journal)
    {
        DataDirectory = dataDirectory;
        Blocks = blocks;
        Journal = journal;
        Transactions = new TransactionManager(journal);
    }

    /// <summary>The folder holding blocks and the catalog journal, or null for an in-memory warehouse.</summary>
    public string? DataDirectory { get; }

    public IBlockStore Blocks { get; }

    internal ICatalogJournal Journal { get; }

    public TransactionManager Transactions { get; }

    /// <summary>Slices of new tables (nodes × slices per node; architecture.md §3).</summary>
    public int SliceCount { get; init; } = TableLayout.DefaultSliceCount;

    /// <summary>Worker threads one query may use (null = processor count).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Moves rows between plan fragments: threads of this process unless a host installs its own transport
    /// (set before statements run; each statement reads it once).
    /// </summary>
    public Planning.Distribution.IExchangeFactory Exchanges { get; set; } = Planning.Distribution.InProcessExchangeFactory.Instance;

    /// <summary>Compiled SELECT plans by shape, shared by every session (see <see cref="Planning.Caching.CompiledPlanCache"/>).</summary>
    public Planning.Caching.CompiledPlanCache CompiledPlans { get; } = new();

    /// <summary>Physical planning choices: the broadcast-or-redistribute threshold of joins, the node count.</summary>
    public Planning.Physical.PhysicalPlanOptions PhysicalPlanning { get; set; } = Planning.Physical.PhysicalPlanOptions.Default;

    /// <summary>Opens (creating when absent) a persistent warehouse in <paramref name="dataDirectory"/>.</summary>
    public static Warehouse Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var full = Path.GetFullPath(dataDirectory);
        return new Warehouse(full, new FolderBlockStore(full), new FileCatalogJournal(full));
    }

    /// <summary>A warehouse whose blocks and catalog live in memory only (tests, scratch work).</summary>
    public static Warehouse OpenInMemory() => new(null, new InMemoryBlockStore(), new InMemoryCatalogJournal());

    /// <summary>An in-memory warehouse whose queries use at most this many workers (tests whose plans depend on it).</summary>
    internal static Warehouse OpenInMemory(int maxDegreeOfParallelism) =>
        new(null, new InMemoryBlockStore(), new InMemoryCatalogJournal()) { MaxDegreeOfParallelism = maxDegreeOfParallelism };

    /// <summary>A new session (its own settings and transaction state) on this warehouse.</summary>
    public Session OpenSession()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Session(this, SessionIdentity.Local(NextLocalPid()));
    }

    /// <summary>Rows rejected by COPY (Redshift's STL_LOAD_ERRORS), oldest first.</summary>
    public IReadOnlyList<RecordedLoadError> LoadErrors
    {
        get
        {
            lock (_loadErrorsGate) return _loadErrors.ToList();
        }
    }

    internal void RecordLoadErrors(IEnumerable<RecordedLoadError> errors)
    {
        lock (_loadErrorsGate)
        {
            _loadErrors.AddRange(errors);
            if (_loadErrors.Count > 100_000) _loadErrors.RemoveRange(0, _loadErrors.Count - 100_000);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Journal.Dispose();
    }
}

/// <summary>One rejected COPY row with the load's start time and target table, as STL_LOAD_ERRORS reports it.</summary>
public sealed record RecordedLoadError(DateTime StartTime, string TableName, long TableId, LoadError Error);
