using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// <c>aw bench actors</c>: throughput of the actor runtime.
/// <list type="bullet">
/// <item><c>local-tell</c>: ping-pong pairs (two per core) in one process, each with a window of messages in
/// flight; every delivery counts.</item>
/// <item><c>remote-tell</c>: the same over TCP between this process and a child process on 127.0.0.1; every
/// message that crosses the wire counts (both directions).</item>
/// <item><c>remote-bytes</c>: 1 MiB byte arrays to the child, which acknowledges each; payload MB/s.</item>
/// </list>
/// Options: <c>--seconds N</c> per measurement (default 3), <c>--only local|remote|bytes</c>.
/// </summary>
public sealed class BenchActorsCommand : ICliCommand
{
    public string Name => "bench actors";
    public string Summary => "measure actor message throughput (local, remote over TCP, 1 MiB payloads)";

    private const string ServeFlag = "--serve-bench-peer";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Contains(ServeFlag)) return await ServePeerAsync();
        double seconds = 3;
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length:
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"aw bench actors: unknown option '{args[i]}' (--seconds N, --only local|remote|bytes)");
                    return 1;
            }
        }
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {duration.TotalSeconds:0.#} s per measurement");
        if (only is null or "local")
            Console.WriteLine($"local-tell: {await LocalTellAsync(duration, cancellationToken):N0} msgs/s");
        if (only is null or "remote" or "bytes")
        {
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            using var peer = StartPeer(secret);
            try
            {
                var peerAddress = await ReadPeerAddressAsync(peer, cancellationToken);
                using var system = ActorSystem.Create("bench", RemoteConfig(secret));
                if (only is null or "remote")
                    Console.WriteLine($"remote-tell: {await RemoteTellAsync(system, peerAddress, duration, cancellationToken):N0} msgs/s");
                if (only is null or "bytes")
                    Console.WriteLine($"remote-bytes: {await RemoteBytesAsync(system, peerAddress, duration, cancellationToken):N0} MB/s");
            }
            finally
            {
                if (!peer.HasExited) peer.Kill(entireProcessTree: true);
            }
        }
        return 0;
    }

    private static Config RemoteConfig(string secret) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.actor.provider = remote
        akka.remote.secret = "{{secret}}"
        akka.remote.dot-netty.tcp.port = 0
        akka.remote.dot-netty.tcp.maximum-frame-size = 1 MiB
        """);

    // ---------------------------------------------------------------- local

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Counter
    {
        public long Value;
    }

    private sealed class Pinger : ActorBase
    {
        private readonly IActorRef _ponger;
        private readonly Counter _counter;
        private readonly StrongBox<bool> _stop;

        public Pinger(IActorRef ponger, Counter counter, StrongBox<bool> stop)
        {
            _ponger = ponger;
            _counter = counter;
            _stop = stop;
        }

        protected override bool Receive(object message)
        {
            if (message is int window)
            {
                for (int i = 0; i < window; i++) _ponger.Tell(Ball.Instance, Self);
                return true;
            }
            _counter.Value++;
            if (!Volatile.Read(ref _stop.Value)) _ponger.Tell(message, Self);
            return true;
        }
    }

    private sealed class Ponger : ActorBase
    {
        private readonly Counter _counter;

        public Ponger(Counter counter) => _counter = counter;

        protected override bool Receive(object message)
        {
            _counter.Value++;
            Sender.Tell(message, Self);
            return true;
        }
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value = value;
    }

    private static async Task<long> LocalTellAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var system = ActorSystem.Create("bench-local", "akka.loglevel = WARNING");
        int pairs = Environment.ProcessorCount * 2;
        var stop = new StrongBox<bool>(false);
        var counters = new List<Counter>();
        var pingers = new List<IActorRef>();
        for (int p = 0; p < pairs; p++)
        {
            var a = new Counter();
            var b = new Counter();
            counters.Add(a);
            counters.Add(b);
            var ponger = system.ActorOf(Props.CreateBy(() => new Ponger(b)));
            pingers.Add(system.ActorOf(Props.CreateBy(() => new Pinger(ponger, a, stop))));
        }
        foreach (var p in pingers) p.Tell(1000, ActorRefs.NoSender);
        // Warm up (JIT, thread pool growth), then measure a window between two counter snapshots.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        long before = counters.Sum(c => Volatile.Read(ref c.Value));
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        long after = counters.Sum(c => Volatile.Read(ref c.Value));
        var elapsed = clock.Elapsed;
        Volatile.Write(ref stop.Value, true);
        await system.Terminate();
        return (long)((after - before) / elapsed.TotalSeconds);
    }

    // ---------------------------------------------------------------- remote

    private sealed class RemotePinger : ActorBase
    {
        private readonly IActorRef _echo;
        private readonly Counter _counter;
        private readonly StrongBox<bool> _stop;

        public RemotePinger(IActorRef echo, Counter counter, StrongBox<bool> stop)
        {
            _echo = echo;
            _counter = counter;
            _stop = stop;
        }

        protected override bool Receive(object message)
        {
            if (message is int window)
            {
                for (long i = 0; i < window; i++) _echo.Tell(i, Self);
                return true;
            }
            _counter.Value++;
            if (!Volatile.Read(ref _stop.Value)) _echo.Tell(message, Self);
            return true;
        }
    }

    private static async Task<IActorRef> ResolveAsync(ActorSystem system, string path, CancellationToken cancellationToken)
    {
        var identity = await system.ActorSelection(path).Ask<ActorIdentity>(new Identify(path), TimeSpan.FromSeconds(10), cancellationToken);
        return identity.Subject ?? throw new InvalidOperationException($"bench peer has no actor at {path}");
    }

    private static async Task<long> RemoteTellAsync(ActorSystem system, Address peer, TimeSpan duration, CancellationToken cancellationToken)
    {
        var echo = await ResolveAsync(system, $"{peer}/user/echo", cancellationToken);
        var stop = new StrongBox<bool>(false);
        var counters = new List<Counter>();
        for (int i = 0; i < 4; i++)
        {
            var c = new Counter();
            counters.Add(c);
            system.ActorOf(Props.CreateBy(() => new RemotePinger(echo, c, stop))).Tell(5000, ActorRefs.NoSender);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        long before = counters.Sum(c => Volatile.Read(ref c.Value));
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        long after = counters.Sum(c => Volatile.Read(ref c.Value));
        var elapsed = clock.Elapsed;
        Volatile.Write(ref stop.Value, true);
        // Each counted reply is two messages on the wire: the request and the echo.
        return (long)(2 * (after - before) / elapsed.TotalSeconds);
    }

    private sealed class BytesSender : ActorBase
    {
        private readonly IActorRef _sink;
        private readonly byte[] _payload;
        private readonly Counter _counter;
        private readonly StrongBox<bool> _stop;

        public BytesSender(IActorRef sink, byte[] payload, Counter counter, StrongBox<bool> stop)
        {
            _sink = sink;
            _payload = payload;
            _counter = counter;
            _stop = stop;
        }

        protected override bool Receive(object message)
        {
            if (message is int window)
            {
                for (int i = 0; i < window; i++) _sink.Tell(_payload, Self);
                return true;
            }
            _counter.Value++;
            if (!Volatile.Read(ref _stop.Value)) _sink.Tell(_payload, Self);
            return true;
        }
    }

    private static async Task<long> RemoteBytesAsync(ActorSystem system, Address peer, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sink = await ResolveAsync(system, $"{peer}/user/sink", cancellationToken);
        var payload = new byte[1024 * 1024];
        Random.Shared.NextBytes(payload);
        var stop = new StrongBox<bool>(false);
        var counter = new Counter();
        system.ActorOf(Props.CreateBy(() => new BytesSender(sink, payload, counter, stop))).Tell(8, ActorRefs.NoSender);
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        long before = Volatile.Read(ref counter.Value);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        long after = Volatile.Read(ref counter.Value);
        var elapsed = clock.Elapsed;
        Volatile.Write(ref stop.Value, true);
        return (long)((after - before) * payload.Length / (1024.0 * 1024.0) / elapsed.TotalSeconds);
    }

    // ---------------------------------------------------------------- the peer process

    private sealed class Echo : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(message, Self);
            return true;
        }
    }

    /// <summary>Acknowledges each payload with its length (a small reply, so the payload crosses the wire once).</summary>
    private sealed class Sink : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(message is byte[] b ? (long)b.Length : 0L, Self);
            return true;
        }
    }

    private static Process StartPeer(string secret)
    {
        var start = new ProcessStartInfo { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.FileName = self;
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }
        else
        {
            start.FileName = self;
        }
        foreach (var a in new[] { "bench", "actors", ServeFlag }) start.ArgumentList.Add(a);
        start.Environment["AW_CLUSTER_SECRET"] = secret;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the bench peer process");
    }

    private static async Task<Address> ReadPeerAddressAsync(Process peer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await peer.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("bench peer exited");
        return line.StartsWith("READY ", StringComparison.Ordinal) ? Address.Parse(line[6..])
            : throw new InvalidOperationException($"bench peer said: {line}");
    }

    /// <summary>The child process: echo and sink actors until stdin closes.</summary>
    private static async Task<int> ServePeerAsync()
    {
        // Quiet: when the measuring process ends first, its refused connections are expected here.
        using var system = ActorSystem.Create("bench-peer", ConfigurationFactory.ParseString("""
            akka.loglevel = ERROR
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp.port = 0
            akka.remote.dot-netty.tcp.maximum-frame-size = 1 MiB
            """));
        system.ActorOf(Props.CreateBy(() => new Echo()), "echo");
        system.ActorOf(Props.CreateBy(() => new Sink()), "sink");
        Console.WriteLine($"READY {system.Address}");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        await system.Terminate();
        return 0;
    }
}
