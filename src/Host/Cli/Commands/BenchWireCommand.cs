using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ActorWarehouse.Engine;
using ActorWarehouse.Host.PgWire;
using ActorWarehouse.Host.PgWire.Client;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// <c>aw bench wire</c>: the SQL endpoint's speed as a client sees it.
/// <list type="bullet">
/// <item>simple-query round trips per second (<c>select 1</c>) with 1 and with 32 connections;</item>
/// <item>rows per second streaming a 1,000,000-row, 3-column result (a table the command creates once).</item>
/// </list>
/// Without <c>--host</c> it starts an in-memory warehouse with a wire server in this process; with
/// <c>--host/--port/--user/--password</c> it measures any PostgreSQL-protocol server (e.g. PostgreSQL 15).
/// </summary>
public sealed class BenchWireCommand(TextWriter? output = null, TextWriter? error = null) : ICliCommand
{
    private readonly TextWriter _out = output ?? Console.Out;
    private readonly TextWriter _err = error ?? Console.Error;

    public string Name => "bench wire";

    public string Summary => "measure the SQL wire endpoint: round trips/s (1 and 32 connections), rows/s streamed";

    private const string Usage = "usage: aw bench wire [--host H --port P --user U --password PW --database D] [--seconds N] [--rows N]";
    private const string RowsTable = "aw_bench_rows";
    private const string DigitsTable = "aw_bench_digits";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        CliArguments parsed;
        try
        {
            parsed = new CliArguments(args, new HashSet<string> { "--host", "--port", "--user", "--password", "--database", "--seconds", "--rows" }, new HashSet<string>());
            if (parsed.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{parsed.Positional[0]}'");
        }
        catch (CliUsageException e)
        {
            _err.WriteLine($"aw bench wire: {e.Message}");
            _err.WriteLine(Usage);
            return 2;
        }
        var seconds = TimeSpan.FromSeconds(parsed.Number("--seconds") ?? 5);
        long rows = (long)(parsed.Number("--rows") ?? 1_000_000);
        var host = parsed.Value("--host");

        Warehouse? warehouse = null;
        PgWireServer? server = null;
        string user, password, database;
        int port;
        if (host is null)
        {
            password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            user = PgWireService.AdminUser;
            warehouse = Warehouse.OpenInMemory();
            database = warehouse.DatabaseName;
            warehouse.Users.EnsureSuperuser(user, password);
            server = new PgWireServer(warehouse, new PgWireServerOptions { Port = 0 });
            server.Start();
            host = "127.0.0.1";
            port = server.Port;
            _out.WriteLine($"# in-process ActorWarehouse wire server on {server.EndPoint}");
        }
        else
        {
            port = (int)(parsed.Number("--port") ?? 5439);
            user = parsed.Value("--user") ?? PgWireService.AdminUser;
            password = parsed.Value("--password") ?? Environment.GetEnvironmentVariable("PGPASSWORD") ?? "";
            database = parsed.Value("--database") ?? "dev";
            _out.WriteLine($"# server {host}:{port}, user {user}, database {database}");
        }
        _out.WriteLine($"# {Environment.ProcessorCount} cores, {seconds.TotalSeconds:0.#} s per round-trip measurement");
        try
        {
            Task<PgWireClient> Connect() => PgWireClient.ConnectAsync(host, port, user, password, database, cancellationToken);
            foreach (int connections in new[] { 1, 32 })
            {
                double perSecond = await RoundTripsAsync(Connect, connections, seconds, cancellationToken);
                _out.WriteLine($"round trips, {connections,2} connection{(connections == 1 ? " " : "s")}: {perSecond,12:N0} queries/s");
            }
            await using var client = await Connect();
            PrepareRows(client, rows);
            var (rowsPerSecond, megabytesPerSecond, elapsed) = Stream(client, rows);
            _out.WriteLine($"streaming {rows:N0} rows x 3 columns: {rowsPerSecond,12:N0} rows/s ({megabytesPerSecond:N1} MB/s of DataRows, {elapsed.TotalSeconds:0.00} s)");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            _err.WriteLine($"aw bench wire: {e.Message}");
            return 1;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
            warehouse?.Dispose();
        }
    }

    /// <summary>Each connection runs "select 1" in a loop on its own thread (blocking I/O, as pgbench does).</summary>
    private static async Task<double> RoundTripsAsync(Func<Task<PgWireClient>> connect, int connections, TimeSpan duration, CancellationToken ct)
    {
        var clients = new PgWireClient[connections];
        for (int i = 0; i < connections; i++) clients[i] = await connect();
        try
        {
            // Warm up (JIT, first-query paths) before timing.
            for (int round = 0; round < 200; round++)
                foreach (var client in clients) Check(client.Query("select 1"));
            long total = 0;
            Exception? failure = null;
            var clock = Stopwatch.StartNew();
            var threads = clients.Select(client => new Thread(() =>
            {
                long count = 0;
                try
                {
                    while (clock.Elapsed < duration && !ct.IsCancellationRequested)
                    {
                        Check(client.Query("select 1"));
                        count++;
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or IOException)
                {
                    failure = e;
                }
                Interlocked.Add(ref total, count);
            }) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            foreach (var thread in threads)
                if (!thread.Join(duration + TimeSpan.FromSeconds(30))) throw new InvalidOperationException("a benchmark connection stopped answering");
            if (failure is not null) throw failure;
            return total / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    /// <summary>
    /// Creates the streamed table once (id, amount, label) as a cross join of a digits table with itself (fast on every
    /// server), unless it already holds the requested rows.
    /// </summary>
    private static void PrepareRows(PgWireClient client, long rows)
    {
        var existing = client.Query($"select id from {RowsTable} where id = {rows}");
        if (existing.Error is null && existing.Rows == 1) return;
        long side = (long)Math.Ceiling(Math.Sqrt(rows));
        client.Query($"drop table if exists {RowsTable}");
        client.Query($"drop table if exists {DigitsTable}");
        Check(client.Query($"create table {DigitsTable} (x bigint)"));
        var values = string.Join(", ", Enumerable.Range(0, (int)side).Select(i => $"({i})"));
        Check(client.Query($"insert into {DigitsTable} values {values}"));
        const string n = "(a.x * {0} + b.x)";
        var id = string.Format(CultureInfo.InvariantCulture, n, side);
        Check(client.Query(
            $"create table {RowsTable} as select {id} + 1 as id, {id} * 3 as amount, 'row-' || cast({id} as varchar) as label " +
            $"from {DigitsTable} a cross join {DigitsTable} b where {id} < {rows}"));
    }

    private static (double RowsPerSecond, double MegabytesPerSecond, TimeSpan Elapsed) Stream(PgWireClient client, long rows)
    {
        // Redshift's result cache would turn the second run into a replay; PostgreSQL rejects the name, which is fine.
        client.Query("set enable_result_cache_for_session to off");
        Check(client.Query($"select id, amount, label from {RowsTable} where id <= 1000"));
        var clock = Stopwatch.StartNew();
        var outcome = client.Query($"select id, amount, label from {RowsTable}");
        clock.Stop();
        Check(outcome);
        if (outcome.Rows != rows) throw new InvalidOperationException($"expected {rows} rows, got {outcome.Rows}");
        return (outcome.Rows / clock.Elapsed.TotalSeconds, outcome.Bytes / 1e6 / clock.Elapsed.TotalSeconds, clock.Elapsed);
    }

    private static void Check(PgQueryOutcome outcome)
    {
        if (outcome.Error is not null) throw new InvalidOperationException(outcome.Error);
    }
}
