using System.Runtime.InteropServices;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Management;
using ActorWarehouse.Actors.Management.Hosting;
using ActorWarehouse.Actors.Management.Palettes;
using ActorWarehouse.Lighthouse;

// The lighthouse: a cluster member with role "lighthouse" and no application, whose only job is to be a stable
// seed-node address, plus a management host for aw pbm. Ctrl-C or SIGTERM makes it leave gracefully.
if (args.Length > 0)
{
    Console.Error.WriteLine(LighthouseSettings.Usage);
    return args[0] is "-h" or "--help" ? 0 : 2;
}

LighthouseSettings settings;
try
{
    settings = LighthouseSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"lighthouse: {e.Message}");
    Console.Error.WriteLine(LighthouseSettings.Usage);
    return 2;
}

// Signals are caught before the address line is printed, so whoever reacts to that line can stop us gracefully;
// a stop requested during start-up takes effect once the node runs.
using var stop = new CancellationTokenSource();
void Leave() { if (!stop.IsCancellationRequested) stop.Cancel(); }
Console.CancelKeyPress += (_, e) => { e.Cancel = true; Leave(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; Leave(); });

ActorSystem system;
try
{
    system = ActorSystem.Create(settings.SystemName,
        ClusterNodeHocon.Build(settings.Hostname, settings.Port, settings.SeedNodes, ["lighthouse"], settings.Secret));
}
catch (Exception e)
{
    Console.Error.WriteLine($"lighthouse: cannot start the actor system on {settings.Hostname}:{settings.Port}: {e.Message}");
    return 1;
}

var cluster = Cluster.Get(system);
var management = ManagementHost.Get(system);
management.RegisterCommandPalette(new ClusterCommands());
System.Net.IPEndPoint pbm;
try
{
    pbm = management.Start(settings.PbmPort);
}
catch (System.Net.Sockets.SocketException e)
{
    Console.Error.WriteLine($"lighthouse: cannot bind the management host to 127.0.0.1:{settings.PbmPort}: {e.Message}");
    await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    return 1;
}

Console.WriteLine($"lighthouse {system.Address} started; seeds [{string.Join(", ", settings.SeedNodes)}]; pbm {pbm}");
cluster.RegisterOnMemberUp(() => Console.WriteLine($"lighthouse {system.Address} is up"));
_ = ParentProcessWatch.Start(Leave, stop.Token);


// Either an operator stops us (graceful leave), or the cluster shut this node down (left via pbm, or downed).
await Task.WhenAny(system.WhenTerminated, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
if (!system.WhenTerminated.IsCompleted)
{
    Console.WriteLine($"lighthouse {system.Address} leaving the cluster");
    _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
}
if (await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(60))) != system.WhenTerminated)
{
    Console.Error.WriteLine("lighthouse: the actor system did not stop within 60 s");
    return 1;
}
bool downed = CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason;
Console.WriteLine($"lighthouse {system.Address} stopped{(downed ? " (downed by the cluster)" : "")}");
return downed ? 1 : 0;
