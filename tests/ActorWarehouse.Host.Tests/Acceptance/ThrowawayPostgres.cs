using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// A private PostgreSQL 15 server for differential tests (recipe of shared/docs/deps.md): initdb in a
/// temporary folder, started on a free 127.0.0.1 port, stopped and deleted on dispose. Commands run as
/// the `postgres` account when the tests run as root (initdb refuses root). Every call has a time limit.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgresUser;
    private bool _started;

    public ThrowawayPostgres()
    {
        _bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)");
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("aw-pg-").FullName;
        Port = FreePort();
        if (_asPostgresUser)
        {
            Run("chmod", ["755", _folder]);
            Run("chown", ["postgres", _folder]);
        }
        Server("initdb", ["-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
        Server("pg_ctl", ["-D", Data, "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "-l", Path.Combine(_folder, "log"), "-w", "start"]);
        _started = true;
    }

    public int Port { get; }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Runs SQL (or psql meta-commands) through psql; returns stdout (CSV when <paramref name="csv"/>).</summary>
    public string Psql(string sql, bool csv = false)
    {
        var args = new List<string> { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres" };
        if (csv) args.Add("--csv");
        args.AddRange(["-c", sql]);
        return Run("psql", args);
    }

    public void Dispose()
    {
        try
        {
            if (_started) Server("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private void Server(string program, IEnumerable<string> args)
    {
        var path = Path.Combine(_bin, program);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private static string Run(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {CommandTimeout}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
