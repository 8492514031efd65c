using System.Net;
using System.Net.Sockets;
using ActorWarehouse.Host.Cli.Commands;
using ActorWarehouse.Host.Tests.Cli;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>The options of `aw slt` that select the wire mode.</summary>
public sealed class WireSltCommandSpec
{
    [Fact]
    public void Connection_options_without_host_are_a_usage_error()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var file = Path.Combine(folder.Path, "t.slt");
        File.WriteAllText(file, "statement ok\nselect 1\n");
        var (code, _, error) = CommandRunner.Run((o, e) => new SltCommand(o, e), "--port", "5439", file);
        Assert.Equal(2, code);
        Assert.Contains("--port needs --host", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_cannot_be_reached_fails_each_file_with_the_reason()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var file = Path.Combine(folder.Path, "t.slt");
        File.WriteAllText(file, "statement ok\nselect 1\n");
        var (code, output, _) = CommandRunner.Run((o, e) => new SltCommand(o, e),
            "--host", "127.0.0.1", "--port", ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--password", "x", file);
        Assert.Equal(1, code);
        Assert.Contains("cannot connect to the server", output, StringComparison.Ordinal);
        Assert.EndsWith("slt: 0 passed, 1 failed, 0 skipped\n", output, StringComparison.Ordinal);
    }

    /// <summary>A port nothing listens on (freed right away).</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
