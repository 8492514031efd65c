using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// A real `aw node --roles all` process (the built aw.dll next to the tests) with a temporary data folder and a
/// random admin password. It binds free 127.0.0.1 ports itself (port 0: a port probed here could be taken by
/// another process before the node binds it); started in the constructor, ready once it has printed the SQL
/// endpoint it listens on; disposing sends SIGTERM, waits a bounded time, then kills the process tree and
/// deletes the data folder.
/// </summary>
internal sealed class AwNodeProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _dataFolder;

    public AwNodeProcess()
    {
        _dataFolder = Directory.CreateTempSubdirectory("aw-node-").FullName;
        Password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aw.dll"));
        foreach (var arg in new[]
        {
            "node", "--roles", "all", "--data", _dataFolder, "--listen", "127.0.0.1",
            "--sql-port", "0", "--pbm-port", "0",
            "--admin-password", Password,
            "--cluster-secret", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        }) info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start aw node");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            Port = WaitUntilListening();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string User => "admin";

    public string Password { get; }

    public string Database => "dev";

    /// <summary>What the node printed so far (stdout and stderr interleaved).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>AW_HOST, AW_PORT, AW_USER, AW_PASSWORD, AW_DATABASE: how the client scripts find the server.</summary>
    public Dictionary<string, string> ClientEnvironment() => new()
    {
        ["AW_HOST"] = Host,
        ["AW_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AW_USER"] = User,
        ["AW_PASSWORD"] = Password,
        ["AW_DATABASE"] = Database,
    };

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM first: the node's clean shutdown is part of what runs here.
                if (!SendTerm() || !_process.WaitForExit(StopTimeout)) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { }
        finally
        {
            _process.Dispose();
            try { Directory.Delete(_dataFolder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>SIGTERM through kill(1); false when it is not available (then the caller kills outright).</summary>
    private bool SendTerm()
    {
        try
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            return term.WaitForExit(5000) && term.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The port of the node's SQL endpoint line (<see cref="ActorWarehouse.Host.Cli.Pbm.LocalCluster.NodeSqlEndpoint"/>), printed once it listens.</summary>
    private int WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            var listening = ActorWarehouse.Host.Cli.Pbm.LocalCluster.NodeSqlEndpoint().Match(Log);
            if (listening.Success) return int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"aw node exited with code {_process.ExitCode} before listening:\n{Log}");
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"aw node printed no SQL endpoint within {StartTimeout.TotalSeconds:0} s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
