using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ActorWarehouse.Host.Tests.Cli;
using Npgsql;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>`aw node` as a real process: serves SQL on its logged endpoint, keeps data and users, stops on SIGTERM.</summary>
public sealed partial class NodeProcessSpec
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_node_serves_psql_and_npgsql_keeps_its_data_and_stops_cleanly_on_sigterm()
    {
        using var folder = new TempFolder();
        await using (var node = await NodeProcess.StartAsync(folder.Path, "first-pw"))
        {
            var psql = RunPsql(node.Port, "first-pw", "select 40 + 2");
            Assert.Equal("42", psql.Trim());
            await using (var connection = new NpgsqlConnection(node.ConnectionString("first-pw")))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("create table kept (x integer); insert into kept values (7)", connection);
                await create.ExecuteNonQueryAsync();
            }
            Assert.Equal(0, await node.StopWithSigtermAsync());
            Assert.Contains("stopped (exit 0)", node.Output);
        }
        // The first start created admin; a second start with another password leaves it alone.
        await using (var node = await NodeProcess.StartAsync(folder.Path, "second-pw"))
        {
            await using var connection = new NpgsqlConnection(node.ConnectionString("first-pw"));
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand("select x from kept", connection);
            Assert.Equal(7, await select.ExecuteScalarAsync());
            Assert.Equal(0, await node.StopWithSigtermAsync());
        }
    }

    [Fact]
    public async Task A_node_without_an_admin_password_refuses_to_start()
    {
        using var folder = new TempFolder();
        await using var node = NodeProcess.Launch(folder.Path, password: null);
        Assert.True(node.Process.WaitForExit(StartTimeout), "aw node should exit by itself");
        await node.Process.WaitForExitAsync();
        Assert.Equal(1, node.Process.ExitCode);
        Assert.Contains("admin password is required", node.Output);
    }

    private static string RunPsql(int port, string password, string sql)
    {
        var info = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"host=127.0.0.1 port={port} user=admin password={password}", "-Atc", sql }) info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("psql did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("psql is not installed (Debian package postgresql-client; scripts/install-test-deps.sh installs it)");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("psql did not finish within 60 s");
            }
            Assert.True(process.ExitCode == 0, error.Result);
            return output.Result;
        }
    }

    /// <summary>A child `aw node` on an ephemeral SQL port; always killed on dispose if still running.</summary>
    private sealed partial class NodeProcess : IAsyncDisposable
    {
        private readonly System.Text.StringBuilder _output = new();
        private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private NodeProcess(Process process) => Process = process;

        public Process Process { get; }

        public int Port { get; private set; }

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString();
            }
        }

        public string ConnectionString(string password) =>
            $"Host=127.0.0.1;Port={Port};Username=admin;Password={password};Database=dev;Pooling=false;Timeout=15;Server Compatibility Mode=NoTypeLoading";

        public static NodeProcess Launch(string dataFolder, string? password)
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment.Remove("AW_ADMIN_PASSWORD");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aw.dll"));
            foreach (var arg in new[] { "node", "--roles", "all", "--data", dataFolder, "--sql-port", "0" }) info.ArgumentList.Add(arg);
            if (password is not null)
            {
                info.ArgumentList.Add("--admin-password");
                info.ArgumentList.Add(password);
            }
            var node = new NodeProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start aw node"));
            node.Process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
            node.Process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
            node.Process.BeginOutputReadLine();
            node.Process.BeginErrorReadLine();
            return node;
        }

        public static async Task<NodeProcess> StartAsync(string dataFolder, string password)
        {
            var node = Launch(dataFolder, password);
            try
            {
                node.Port = await node._port.Task.WaitAsync(StartTimeout);
                return node;
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }

        private void OnLine(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            var match = Endpoint().Match(line);
            if (match.Success) _port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        public async Task<int> StopWithSigtermAsync()
        {
            Assert.Equal(0, Kill(Process.Id, 15));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Process.WaitForExitAsync(timeout.Token);
            return Process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
        }

        [GeneratedRegex(@"\[pgwire\] SQL \(PostgreSQL protocol 3\.0\) on [0-9.]+:(\d+)")]
        private static partial Regex Endpoint();

        [LibraryImport("libc", EntryPoint = "kill")]
        private static partial int Kill(int pid, int signal);
    }
}
