using System.Net.Sockets;
using System.Text.Json;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Management;
using ActorWarehouse.Actors.Management.Protocol;
using ActorWarehouse.Host.Cli.Commands;
using ActorWarehouse.Host.Cli.Pbm;
using Xunit;

namespace ActorWarehouse.Host.Tests.Cluster;

/// <summary>The management host and the <c>aw pbm</c> client in one process, over a real socket on 127.0.0.1.</summary>
public sealed class ManagementHostSpec : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("mgmt", "akka.stdout-loglevel = OFF");
    private readonly string _endpoint;

    public ManagementHostSpec()
    {
        var host = ManagementHost.Get(_system);
        host.RegisterCommandPalette(new CounterCommands());
        _endpoint = host.Start(0).ToString();
    }

    public void Dispose() => _system.Dispose();

    private (int Code, string Out, string Err) Pbm(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int code = new PbmCommand(stdout, stderr, new StringReader("")).RunAsync(args, timeout.Token).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Actor_system_prints_the_root_address_of_the_system()
    {
        var (code, output, _) = Pbm(_endpoint, "actor", "system");
        Assert.Equal(0, code);
        Assert.Equal("akka://mgmt\n", output);
    }

    [Fact]
    public void Json_output_is_one_parseable_document()
    {
        var (code, output, _) = Pbm(_endpoint, "actor", "system", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("mgmt", doc.RootElement.GetProperty("name").GetString());

        var (firstCode, first, _) = Pbm(_endpoint, "--json", "actor", "hierarchy", "-s", "/system", "-d", "0");
        Assert.Equal(0, firstCode);
        using var hierarchy = JsonDocument.Parse(first);
        Assert.Equal("akka://mgmt/system", hierarchy.RootElement.GetProperty("actors")[0].GetString());
    }

    [Fact]
    public async Task Actor_hierarchy_lists_user_actors_to_the_requested_depth()
    {
        var parent = _system.ActorOf(Props.CreateBy(() => new Parent()), "parent");
        await parent.Ask<string>("make-child", TimeSpan.FromSeconds(5));

        var deep = Pbm(_endpoint, "actor", "hierarchy");
        Assert.Equal(0, deep.Code);
        Assert.Contains("akka://mgmt/user/parent/kid\n", deep.Out);

        var shallow = Pbm(_endpoint, "actor", "hierarchy", "-d", "1");
        Assert.Contains("akka://mgmt/user/parent\n", shallow.Out);
        Assert.DoesNotContain("kid", shallow.Out);
    }

    [Fact]
    public void Unknown_commands_exit_2_with_usage()
    {
        var (code, _, error) = Pbm(_endpoint, "cluster-nonsense", "show");
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'cluster-nonsense'", error);
        Assert.Contains("actor hierarchy", error);
        Assert.Contains("usage: aw pbm", error);
    }

    [Fact]
    public void Bad_arguments_exit_2_with_the_command_usage()
    {
        var notNumber = Pbm(_endpoint, "actor", "hierarchy", "-d", "deep");
        Assert.Equal(2, notNumber.Code);
        Assert.Contains("option -d needs an integer", notNumber.Err);
        Assert.Contains("usage: actor hierarchy", notNumber.Err);

        var unknownSwitch = Pbm(_endpoint, "actor", "system", "-x");
        Assert.Equal(2, unknownSwitch.Code);
        Assert.Contains("unknown option -x", unknownSwitch.Err);

        var missing = Pbm(_endpoint, "counter", "count");
        Assert.Equal(2, missing.Code);
        Assert.Contains("missing -n <to>", missing.Err);
    }

    [Fact]
    public void A_missing_or_malformed_endpoint_is_a_usage_error_and_a_closed_port_fails()
    {
        Assert.Equal(2, Pbm().Code);
        Assert.Equal(2, Pbm("localhost", "actor", "system").Code);
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int freePort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var closed = Pbm("--connect-timeout", "5", $"127.0.0.1:{freePort}", "actor", "system");
        Assert.Equal(1, closed.Code);
        Assert.Contains("cannot connect", closed.Err);
    }

    [Fact]
    public void Palettes_registered_by_other_code_run_and_stream_their_lines()
    {
        var (code, output, _) = Pbm(_endpoint, "counter", "count", "-n", "3");
        Assert.Equal(0, code);
        Assert.Equal("1\n2\n3\n", output);
    }

    [Fact]
    public void A_handler_error_exits_1_with_its_message()
    {
        var (code, _, error) = Pbm(_endpoint, "counter", "fail");
        Assert.Equal(1, code);
        Assert.Contains("command 'counter fail' failed: on purpose", error);
    }

    [Fact]
    public void Log_peek_shows_recent_log_lines_of_the_system()
    {
        _system.Log.Info("a line for log peek {0}", 42);
        var (code, output, _) = Pbm(_endpoint, "log", "peek", "-c", "10");
        Assert.Equal(0, code);
        Assert.Contains("a line for log peek 42", output);
    }

    [Fact]
    public async Task A_streaming_command_runs_until_cancelled_and_the_connection_stays_usable()
    {
        using var client = await PbmClient.ConnectAsync(new PbmEndpoint("127.0.0.1", int.Parse(_endpoint.Split(':')[1])), TimeSpan.FromSeconds(10), CancellationToken.None);
        var output = new LineCounter();
        using var cancel = new CancellationTokenSource();
        var run = client.RunAsync("counter ticks", output, TextWriter.Null, cancel.Token);
        await output.WaitForLines(3, TimeSpan.FromSeconds(20));
        cancel.Cancel();
        Assert.Equal(PbmStatus.Cancelled, await run.WaitAsync(TimeSpan.FromSeconds(20)));

        var after = new StringWriter();
        Assert.Equal(PbmStatus.Ok, await client.RunAsync("actor system", after, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("akka://mgmt", after.ToString().Trim());
    }

    [Fact]
    public async Task Malformed_client_bytes_get_an_error_and_the_host_keeps_serving()
    {
        int port = int.Parse(_endpoint.Split(':')[1]);
        using (var raw = new TcpClient())
        {
            await raw.ConnectAsync("127.0.0.1", port);
            var stream = raw.GetStream();
            Assert.Equal(PbmFrameType.Hello, (await PbmFrameCodec.ReadAsync(stream, CancellationToken.None))!.Value.Type);
            await stream.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
            var reply = await PbmFrameCodec.ReadAsync(stream, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(PbmFrameType.Error, reply!.Value.Type);
            Assert.Contains("protocol error", reply.Value.Text);
        }
        using (var raw = new TcpClient())
        {
            await raw.ConnectAsync("127.0.0.1", port);
            var stream = raw.GetStream();
            await PbmFrameCodec.ReadAsync(stream, CancellationToken.None);
            await stream.WriteAsync(new byte[] { 0, 0, 0, 2, (byte)'Q', 0xC3, 0x28 }); // invalid UTF-8
            var reply = await PbmFrameCodec.ReadAsync(stream, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Contains("UTF-8", reply!.Value.Text);
        }
        Assert.Equal(0, Pbm(_endpoint, "actor", "system").Code);
    }

    [Fact]
    public void The_command_line_tokenizer_groups_quoted_words()
    {
        Assert.Equal(["cluster", "join", "-a", "a b", "c\"d"], CommandLineParser.Tokenize("cluster join -a 'a b' \"c\\\"d\""));
        Assert.Equal("x \"a b\"", PbmCommand.CommandLine(["x", "a b"]));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent() => Receive<string>(_ =>
        {
            Context.ActorOf(Props.CreateBy(() => new Kid()), "kid");
            Sender.Tell("ok");
        });
    }

    private sealed class Kid : ReceiveActor
    {
        public Kid() => ReceiveAny(_ => { });
    }

    private sealed class LineCounter : TextWriter
    {
        private int _lines;
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void WriteLine(string? value) => Interlocked.Increment(ref _lines);
        public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }

        public async Task WaitForLines(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Volatile.Read(ref _lines) < count)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {_lines} lines within {timeout}");
                await Task.Delay(50);
            }
        }
    }
}

/// <summary>A palette defined outside the management assembly: counting, failing, and an endless stream.</summary>
internal sealed class CounterCommands() : CommandPaletteHandler(Definition)
{
    public static readonly CommandPalette Definition = new("counter", "test palette",
    [
        new CommandDefinitionBuilder().WithName("count").WithArgument(a => a.WithName("to").WithSwitch("-n").IsMandatory(true).IsInteger(1, 100)).Build(),
        new CommandDefinitionBuilder().WithName("fail").Build(),
        new CommandDefinitionBuilder().WithName("ticks").Streaming().Build(),
    ]);

    public override Props HandlerProps => Props.CreateBy(() => new Handler());

    private sealed class Handler : CommandHandlerActor
    {
        private ICancelable? _ticks;

        public Handler() : base(Definition)
        {
            Process("count", c =>
            {
                for (long i = 1; i < c.Integer("to", 1); i++) Reply(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Complete(c.Integer("to", 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
            Process("fail", _ => throw new InvalidOperationException("on purpose"));
            Process("ticks", _ => _ticks = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(
                TimeSpan.Zero, TimeSpan.FromMilliseconds(50), Sender, new CommandResponse("tick", false), Self));
        }

        protected override void PostStop() => _ticks?.Cancel();
    }
}
