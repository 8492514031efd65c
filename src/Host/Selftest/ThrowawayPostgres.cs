using System.Diagnostics;
using System.Globalization;

namespace ActorWarehouse.Host.Selftest;

/// <summary>
/// A private PostgreSQL server for one selftest run: initdb under /tmp, started on a free 127.0.0.1 port, stopped and
/// deleted on dispose. initdb refuses root, so the server runs as the <c>postgres</c> account when we are root.
/// Every command has a time limit.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgresUser;
    private bool _started;

    public ThrowawayPostgres()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install postgresql-15, or pass --pg \"connection string\"");
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("aw-selftest-pg-").FullName;
        Port = Cli.Pbm.FreePorts.Next();
        try
        {
            if (_asPostgresUser)
            {
                Run("chmod", ["755", _folder]);
                Run("chown", ["postgres", _folder]);
            }
            Server("initdb", ["-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]);
            Server("pg_ctl", ["-D", Data, "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200", "-l", Path.Combine(_folder, "log"), "-w", "start"]);
            _started = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=10";

    private string Data => Path.Combine(_folder, "data");

    public void Dispose()
    {
        try
        {
            if (_started) Server("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);
            _started = false;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"selftest: stopping PostgreSQL failed: {e.Message}");
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

    private static void Run(string program, IEnumerable<string> args)
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
}
