using ActorWarehouse.Host.SqlLogic;
using ActorWarehouse.Host.Tests.Acceptance;

namespace ActorWarehouse.Host.Tests.SqlLogic;

/// <summary>A throwaway PostgreSQL 15 shared by the files of <see cref="SltRunnerOnPostgresSpec"/>.</summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly Lazy<ThrowawayPostgres> _server = new(() => new ThrowawayPostgres());
    private int _databases;

    /// <summary>A new empty database on the server, as a runner database.</summary>
    public ISltDatabase NewDatabase()
    {
        string name = $"slt{Interlocked.Increment(ref _databases)}";
        _server.Value.Psql($"create database {name}");
        return new PostgresSltDatabase(_server.Value.Port, name);
    }

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}

/// <summary>
/// Checks the runner and the DuckDB skip list against the reference engine of the corpus: run on a real
/// PostgreSQL 15, the DuckDB selection (minus the skip list) and two original files pass completely, as
/// shared/sqllogictest/README.md section 4 reports. A failure here is a runner or skip-list bug.
/// </summary>
[Trait("Category", "Slt")]
public sealed class SltRunnerOnPostgresSpec(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.SqlLogic, "duckdb"), "*.test", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(TestPaths.SqlLogic, file).Replace('\\', '/'));
        data.Add("sqlite/test/select1.test");
        data.Add("sqlite/test/random/aggregates/slt_good_129.test");
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_passes_on_PostgreSQL(string file)
    {
        var skipList = file.StartsWith("duckdb/", StringComparison.Ordinal) ? SltSkipList.Load(TestPaths.DuckDbSkipList) : SltSkipList.Empty;
        var runner = new SltRunner(new SltRunOptions { SkipList = skipList, StatementTimeout = TimeSpan.FromMinutes(2) });
        var report = runner.RunFile(Path.Combine(TestPaths.SqlLogic, file), postgres.NewDatabase);
        Assert.True(report.Failed == 0, $"{report.Passed} passed, {report.Failed} failed\n" + string.Join("\n", report.Failures.Take(10)));
        Assert.True(report.Passed > 0);
    }
}
