using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Event;
using ActorWarehouse.Actors.TestNode;

// A test node: one actor system with remoting on 127.0.0.1, driven by commands on stdin (one per line), answering
// on stdout. Ends when stdin closes (the harness died) or on `exit <code>` (abrupt, like a crash) / `shutdown`.
//   spawn-echo <name>      → OK <path>
//   watch <path>           → WATCHING <path> | NOTFOUND <path>; later TERMINATED <path> <existenceConfirmed> <addressTerminated>
//   send <path> <text>     → REPLY <text> (when the echo answers)
//   barrier <name>         → AT <name> (every earlier command has been handled)
//   exit <code> | shutdown
string role = Arg("--role") ?? "node";
int port = int.Parse(Arg("--port") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
bool clusterMode = args.Contains("--cluster");
var config = ConfigurationFactory.ParseString(clusterMode
    ? ClusterNode.Config(port, Arg("--seeds") ?? "", Arg("--roles") ?? "", Arg("--stable-after") ?? "3 s", Arg("--min-nr") ?? "1")
    : $$"""
    akka.actor.provider = remote
    akka.remote.dot-netty.tcp.port = {{port}}
    akka.remote.watch-failure-detector { heartbeat-interval = 200 ms, acceptable-heartbeat-pause = 2 s }
    akka.remote.retry-gate-closed-for = 500 ms
    akka.stdout-logger-enabled = off
    """);
var output = new Output();
var system = ActorSystem.Create(Arg("--system") ?? "node", config);
// Cluster nodes also show info lines (membership decisions) in the transcript a failing spec prints.
var logLevel = clusterMode ? LogLevel.InfoLevel : LogLevel.WarningLevel;
system.EventStream.Subscribe(typeof(LogEvent), e =>
{
    if (e is LogEvent log && log.LogLevel() >= logLevel) output.Line("LOG " + log.Message);
});
var printer = system.ActorOf(Props.Create(() => new Printer(output)), "printer");
if (clusterMode) ClusterNode.Start(system, output);
output.Line($"READY {role} {system.Address}");

string? line;
while ((line = Console.ReadLine()) is not null)
{
    var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
    if (parts.Length == 0) continue;
    try
    {
        switch (parts[0])
        {
            case "spawn-echo":
                var echo = system.ActorOf(Props.Create(() => new Echo()), parts[1]);
                output.Line($"OK {echo.Path}");
                break;
            case "watch":
                var identity = await system.ActorSelection(parts[1]).Ask<ActorIdentity>(new Identify(parts[1]), TimeSpan.FromSeconds(10));
                if (identity.Subject is null) { output.Line($"NOTFOUND {parts[1]}"); break; }
                printer.Tell(new Printer.WatchIt(identity.Subject, parts[1]));
                break;
            case "send":
                system.ActorSelection(parts[1]).Tell(parts.Length > 2 ? parts[2] : "", printer);
                break;
            case "barrier":
                printer.Tell(new Printer.Barrier(parts[1]));
                break;
            case "exit":
                Environment.Exit(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "shutdown":
                await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
                return 0;
            default:
                if (clusterMode && ClusterNode.Handle(system, output, line.Split(' ', StringSplitOptions.RemoveEmptyEntries), printer)) break;
                output.Line($"ERROR unknown command {parts[0]}");
                break;
        }
    }
    catch (Exception e)
    {
        output.Line($"ERROR {e.GetType().Name}: {e.Message}");
    }
}
await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
return 0;

string? Arg(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

namespace ActorWarehouse.Actors.TestNode
{
    internal sealed class Output
    {
        private readonly Lock _lock = new();

        public void Line(string text)
        {
            lock (_lock)
            {
                Console.Out.WriteLine(text);
                Console.Out.Flush();
            }
        }
    }

    internal sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    internal sealed class Printer : ReceiveActor
    {
        public sealed record WatchIt(IActorRef Target, string Path);
        public sealed record Barrier(string Name);

        private readonly Dictionary<IActorRef, string> _watched = new();

        public Printer(Output output)
        {
            Receive<WatchIt>(w =>
            {
                _watched[w.Target] = w.Path;
                Context.Watch(w.Target);
                output.Line($"WATCHING {w.Path}");
            });
            Receive<Terminated>(t => output.Line($"TERMINATED {_watched.GetValueOrDefault(t.ActorRef, t.ActorRef.Path.ToString())} {t.ExistenceConfirmed} {t.AddressTerminated}"));
            Receive<Barrier>(b => output.Line($"AT {b.Name}"));
            Receive<string>(s => output.Line($"REPLY {s}"));
        }
    }
}
