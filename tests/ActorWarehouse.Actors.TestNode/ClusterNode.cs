using System.Globalization;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.TestKit;
using static ActorWarehouse.Actors.Cluster.ClusterEvent;

namespace ActorWarehouse.Actors.TestNode;

/// <summary>
/// The cluster half of the test node (<c>--cluster</c>): prints membership events as lines and handles cluster
/// commands. Lines: <c>EVENT &lt;Type&gt; &lt;address&gt; [&lt;detail&gt;]</c>, <c>SELF-UP</c>, <c>SELF-REMOVED</c>,
/// <c>SYSTEM-TERMINATED</c> (then the process exits 0).
/// Commands: <c>leave [address]</c>, <c>down &lt;address&gt;</c>, <c>join &lt;address&gt;</c>, <c>state</c> → STATE ...,
/// <c>stats</c> → STATS ..., <c>blackhole &lt;address&gt;</c>, <c>passthrough &lt;address&gt;</c>,
/// <c>start-singleton</c> → SINGLETON-STARTED &lt;address&gt; on the node that runs it, <c>ask-singleton &lt;text&gt;</c> → REPLY SINGLETON &lt;address&gt; &lt;text&gt;.
/// </summary>
internal static class ClusterNode
{
    public static string Config(int port, string seeds, string roles, string stableAfter, string minNr) => $$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.port = {{port}}
        akka.remote.retry-gate-closed-for = 500 ms
        akka.stdout-logger-enabled = off
        akka.cluster {
          seed-nodes = [{{string.Join(", ", seeds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => "\"" + s + "\""))}}]
          roles = [{{string.Join(", ", roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => "\"" + s + "\""))}}]
          min-nr-of-members = {{minNr}}
          seed-node-timeout = 3 s
          retry-unsuccessful-join-after = 3 s
          split-brain-resolver.stable-after = {{stableAfter}}
        }
        """;

    public static void Start(ActorSystem system, Output output)
    {
        var cluster = Cluster.Cluster.Get(system);
        var listener = system.ActorOf(Props.Create(() => new EventPrinter(output)), "cluster-events");
        cluster.Subscribe(listener, InitialStateAsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent), typeof(LeaderChanged));
        cluster.RegisterOnMemberUp(() => output.Line("SELF-UP"));
        cluster.RegisterOnMemberRemoved(() => output.Line("SELF-REMOVED"));
        system.WhenTerminated.ContinueWith(_ =>
        {
            output.Line("SYSTEM-TERMINATED");
            Environment.Exit(0);
        }, TaskScheduler.Default);
    }

    /// <summary>Handles a cluster command; false when the command is not one of them.</summary>
    public static bool Handle(ActorSystem system, Output output, string[] parts, IActorRef printer)
    {
        var cluster = Cluster.Cluster.Get(system);
        switch (parts[0])
        {
            case "leave":
                cluster.Leave(parts.Length > 1 ? Address.Parse(parts[1]) : cluster.SelfAddress);
                output.Line("LEAVING");
                return true;
            case "down":
                cluster.Down(Address.Parse(parts[1]));
                output.Line("DOWNING");
                return true;
            case "join":
                cluster.Join(Address.Parse(parts[1]));
                return true;
            case "state":
                var s = cluster.State;
                output.Line("STATE " + s.Members.Count.ToString(CultureInfo.InvariantCulture) + " " + string.Join(" ", s.Members.Select(m =>
                    $"{m.Address}={m.Status}{(s.Unreachable.Contains(m) ? ",unreachable" : "")}")) + " leader=" + (s.Leader?.ToString() ?? "none"));
                return true;
            case "stats":
                var c = cluster.Statistics.Snapshot();
                output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"STATS {c.TakenAtUtc.Ticks} {c.ClusterMessagesSent} {c.ClusterBytesSent} {c.TransportBytesSent} gossip={c.GossipMessagesSent}/{c.GossipBytesSent} status={c.GossipStatusMessagesSent}/{c.GossipStatusBytesSent} heartbeat={c.HeartbeatMessagesSent}/{c.HeartbeatBytesSent}"));
                return true;
            case "blackhole":
                FailureInjector.Blackhole(system, Address.Parse(parts[1]));
                output.Line($"BLACKHOLED {parts[1]}");
                return true;
            case "passthrough":
                FailureInjector.PassThrough(system, Address.Parse(parts[1]));
                output.Line($"PASSTHROUGH {parts[1]}");
                return true;
            case "start-singleton":
                system.ActorOf(ClusterSingletonManager.Props(Props.Create(() => new SingletonActor(output)), PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system)), "singletonManager");
                system.ActorOf(ClusterSingletonProxy.Props("/user/singletonManager", ClusterSingletonProxySettings.Create(system)), "singletonProxy");
                output.Line("SINGLETON-MANAGER-STARTED");
                return true;
            case "ask-singleton":
                system.ActorSelection("/user/singletonProxy").Tell(parts.Length > 1 ? parts[1] : "ping", printer);
                return true;
            default:
                return false;
        }
    }

    private sealed class EventPrinter : ReceiveActor
    {
        public EventPrinter(Output output)
        {
            Receive<MemberRemoved>(e => output.Line($"EVENT MemberRemoved {e.Member.Address} {e.PreviousStatus}"));
            Receive<IMemberEvent>(e => output.Line($"EVENT {e.GetType().Name} {e.Member.Address}"));
            Receive<IReachabilityEvent>(e => output.Line($"EVENT {e.GetType().Name} {e.Member.Address}"));
            Receive<LeaderChanged>(e => output.Line($"EVENT LeaderChanged {e.Leader?.ToString() ?? "none"}"));
        }
    }

    private sealed class SingletonActor : ReceiveActor
    {
        public SingletonActor(Output output)
        {
            var address = Context.System.Address;
            output.Line($"SINGLETON-STARTED {address}");
            Receive<string>(s => Sender.Tell($"SINGLETON {address} {s}"));
        }

        protected override void PostStop() => Console.Out.Flush();
    }
}
