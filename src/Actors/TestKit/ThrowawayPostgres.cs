using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorWarehouse.Actors.TestKit;

/// <summary>
/// A private PostgreSQL server (Debian's postgresql-NN binaries) for tests and self-tests: initdb in a temporary
/// folder under /tmp, started on a free 127.0.0.1 port with trust authentication for user <c>postgres</c>, stopped
/// and deleted on dispose. initdb refuses root, so server commands run as the <c>postgres</c> account when we are
/// root. Every command has a time limit.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgresUser;
    private readonly string _stopMode;
    private bool _started;

    /// <param name="folderPrefix">Name prefix of the temporary folder.</param>
    /// <param name="missingHint">Appended to the error when no server binaries are installed.</param>
    /// <param name="settings">Extra server settings (<c>-c name=value</c>), e.g. <c>fsync=off</c>.</param>
    /// <param name="stopMode">pg_ctl stop mode on dispose: <c>fast</c> or <c>immediate</c>.</param>
    public ThrowawayPostgres(string folderPrefix = "aw-pg-", string missingHint = "install postgresql-15 (scripts/install-test-deps.sh)",
        IEnumerable<string>? settings = null, string stopMode = "fast")
    {
        _bin = FindBin() ?? throw new InvalidOperationException($"PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: {missingHint}");
        _asPostgresUser = Environment.UserName == "root";
        _stopMode = stopMode;
        _folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        try
        {
            if (_asPostgresUser)
            {
                Run("chmod", ["755", _folder]);
                Run("chown", ["postgres", _folder]);
            }
            Server("initdb", ["-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
            StartOnFreePort(settings ?? []);
            _started = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; private set; }

    /// <summary>
    /// pg_ctl start on a free port. The port is probed here and bound by the server a moment later, so another process
    /// can take it in between; that start is retried on a new port (the server log says "Address already in use").
    /// </summary>
    private void StartOnFreePort(IEnumerable<string> settings)
    {
        var log = Path.Combine(_folder, "log");
        for (int attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200";
            foreach (var setting in settings) options += $" -c {setting}";
            try
            {
                Server("pg_ctl", ["-D", Data, "-o", options, "-l", log, "-w", "start"]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && File.Exists(log) && File.ReadAllText(log).Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(log);
            }
        }
    }

    /// <summary>An Npgsql connection string for user postgres, database postgres.</summary>
    public string ConnectionString(int maxPoolSize = 20) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size={maxPoolSize.ToString(CultureInfo.InvariantCulture)}";

    private string Data => Path.Combine(_folder, "data");

    public void Dispose()
    {
        try
        {
            if (_started) Server("pg_ctl", ["-D", Data, "-m", _stopMode, "-w", "stop"]);
            _started = false;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"stopping the throwaway PostgreSQL failed: {e.Message}");
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

    /// <summary>Runs a program to its end within the time limit; returns its standard output, throws on failure.</summary>
    public static string Run(string program, IEnumerable<string> args)
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
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
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
