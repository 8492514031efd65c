using ActorWarehouse.Host.Cli.Commands;
using ActorWarehouse.Host.Tests.Cli;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>`aw bench wire` end to end on a tiny configuration (the figures themselves are not checked).</summary>
public sealed class BenchWireCommandSpec
{
    [Fact]
    public void The_in_process_bench_reports_round_trips_and_streaming()
    {
        var (code, output, error) = CommandRunner.Run((o, e) => new BenchWireCommand(o, e), "--seconds", "0.2", "--rows", "5000");
        Assert.True(code == 0, error);
        Assert.Contains("round trips,  1 connection", output);
        Assert.Contains("round trips, 32 connections", output);
        Assert.Contains("streaming 5,000 rows", output);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var (code, _, error) = CommandRunner.Run((o, e) => new BenchWireCommand(o, e), "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("usage: aw bench wire", error);
    }

    [Fact]
    public async Task A_wrong_password_for_a_remote_server_fails_with_its_message()
    {
        using var warehouse = ActorWarehouse.Engine.Warehouse.OpenInMemory();
        warehouse.Users.EnsureSuperuser("admin", "right");
        await using var server = new ActorWarehouse.Host.PgWire.PgWireServer(warehouse, new ActorWarehouse.Host.PgWire.PgWireServerOptions { Port = 0 });
        server.Start();
        var (code, _, error) = CommandRunner.Run((o, e) => new BenchWireCommand(o, e),
            "--host", "127.0.0.1", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "admin", "--password", "wrong");
        Assert.Equal(1, code);
        Assert.Contains("28P01", error);
    }
}
