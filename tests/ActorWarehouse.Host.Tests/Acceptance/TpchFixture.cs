using ActorWarehouse.Engine;
using ActorWarehouse.Host.Bench;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// One embedded warehouse per scale factor, loaded once from shared/tpch/sf*/ *.tbl.gz with the
/// Redshift DDL and COPY ... GZIP. A load failure is kept and rethrown by every test using it.
/// </summary>
public abstract class TpchFixture : IDisposable
{
    private readonly Warehouse _warehouse;
    private readonly Exception? _loadError;

    protected TpchFixture(string scaleFactor)
    {
        ScaleFactor = scaleFactor;
        _warehouse = Warehouse.OpenInMemory();
        Session = _warehouse.OpenSession();
        try
        {
            Loads = TpchLoader.Load(Session, Path.Combine(TestPaths.Tpch, "sf" + scaleFactor));
        }
        catch (Exception e)
        {
            _loadError = e;
            Loads = [];
        }
    }

    public string ScaleFactor { get; }

    /// <summary>The session that loaded the data (tests query through <see cref="TimedQuery"/> on their own sessions).</summary>
    public Session Session { get; }

    public Warehouse Warehouse => _warehouse;

    public IReadOnlyList<TableLoad> Loads { get; }

    public void EnsureLoaded()
    {
        if (_loadError is not null) throw new InvalidOperationException($"loading TPC-H SF {ScaleFactor} failed: {_loadError.Message}", _loadError);
    }

    public void Dispose()
    {
        Session.Dispose();
        _warehouse.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class TpchSf001Fixture() : TpchFixture("0.01");

public sealed class TpchSf01Fixture() : TpchFixture("0.1");

/// <summary>Shares one SF 0.01 warehouse among the test classes that query it (one load, run in sequence).</summary>
[CollectionDefinition(Name)]
public sealed class TpchSf001Collection : ICollectionFixture<TpchSf001Fixture>
{
    public const string Name = "TPC-H SF 0.01";
}
