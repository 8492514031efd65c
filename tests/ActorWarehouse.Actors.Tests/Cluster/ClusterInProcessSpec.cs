using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Configuration;
using static ActorWarehouse.Actors.Cluster.ClusterEvent;

namespace ActorWarehouse.Actors.Tests.Cluster;

/// <summary>Several cluster nodes in this process, over real TCP on 127.0.0.1, with short intervals.</summary>
[Collection(ClusterNodes.Collection)]
public sealed class ClusterInProcessSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly List<ActorSystem> _others = [];

    internal static string NodeConfig(string extra = "") => $$"""
        akka.actor.provider = cluster
        akka.remote.secret = "in-process-cluster"
        akka.remote.dot-netty.tcp.port = 0
        akka.remote.retry-gate-closed-for = 300 ms
        akka.coordinated-shutdown.default-phase-timeout = 3 s
        akka.stdout-logger-enabled = off
        akka.log-dead-letters = off
        akka.cluster {
          gossip-interval = 300 ms
          leader-actions-interval = 300 ms
          unreachable-nodes-reaper-interval = 300 ms
          failure-detector { heartbeat-interval = 300 ms, acceptable-heartbeat-pause = 1 s, expected-response-after = 500 ms }
          split-brain-resolver.stable-after = 2 s
        }
        {{extra}}
        """;

    public ClusterInProcessSpec() : base(NodeConfig(), "cl") { }

    protected override void BeforeShutdown()
    {
        foreach (var s in _others) s.Terminate().Wait(TimeSpan.FromSeconds(15));
    }

    private ActorSystem Node(string extra = "")
    {
        var s = ActorSystem.Create("cl", ConfigurationFactory.ParseString(NodeConfig(extra)));
        _others.Add(s);
        return s;
    }

    private static bool CompletesInTime(Task task) => task.Wait(Wait);

    private static ActorWarehouse.Actors.Cluster.Cluster C(ActorSystem s) => ActorWarehouse.Actors.Cluster.Cluster.Get(s);

    private void AwaitUp(params ActorSystem[] systems) =>
        AwaitCondition(() => systems.All(s => C(s).State.Members.Count == systems.Length && C(s).State.Members.All(m => m.Status == MemberStatus.Up)),
            Wait, message: "all members Up");

    [Fact]
    public void Cluster_Get_requires_the_cluster_provider()
    {
        using var local = ActorSystem.Create("local", "akka.stdout-logger-enabled = off");
        Assert.Throws<ConfigurationException>(() => ActorWarehouse.Actors.Cluster.Cluster.Get(local));
    }

    [Fact]
    public void Subscribers_get_the_state_as_a_snapshot_or_as_events_and_RegisterOnMemberUp_runs()
    {
        var cluster = C(Sys);
        cluster.RegisterOnMemberUp(() => TestActor.Tell("self-up"));
        cluster.Join(cluster.SelfAddress);
        ExpectMsg("self-up", Wait);
        Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status);
        Assert.Equal(cluster.SelfAddress, cluster.State.Leader);

        var snapshot = CreateTestProbe();
        cluster.Subscribe(snapshot.Ref, InitialStateAsSnapshot, typeof(IMemberEvent));
        var state = snapshot.ExpectMsg<CurrentClusterState>(Wait);
        Assert.Single(state.Members);

        var other = Node("akka.cluster.roles = [compute]");
        C(other).Join(cluster.SelfAddress);
        snapshot.FishForMessage<MemberUp>(e => e.Member.Address.Equals(C(other).SelfAddress), Wait);
        AwaitUp(Sys, other);

        var events = CreateTestProbe();
        cluster.Subscribe(events.Ref, InitialStateAsEvents, typeof(IMemberEvent), typeof(LeaderChanged), typeof(RoleLeaderChanged));
        var replay = events.ReceiveN(4, Wait);
        Assert.Equal(2, replay.OfType<MemberUp>().Count());
        Assert.Equal(cluster.SelfAddress, replay.OfType<LeaderChanged>().Single().Leader);
        Assert.Contains(replay.OfType<RoleLeaderChanged>(), r => r.Role == "compute" && Equals(r.Leader, C(other).SelfAddress));
        Assert.Equal(C(other).SelfAddress, cluster.State.RoleLeader("compute"));
    }

    [Fact]
    public void A_node_downed_by_another_member_is_removed_and_its_actor_system_terminates()
    {
        var cluster = C(Sys);
        cluster.Join(cluster.SelfAddress);
        var other = Node();
        C(other).Join(cluster.SelfAddress);
        AwaitUp(Sys, other);
        var removed = new TaskCompletionSource();
        C(other).RegisterOnMemberRemoved(() => removed.TrySetResult());
        cluster.Subscribe(TestActor, InitialStateAsSnapshot, typeof(MemberRemoved));
        ExpectMsg<CurrentClusterState>(Wait);

        cluster.Down(C(other).SelfAddress);
        var e = ExpectMsg<MemberRemoved>(Wait);
        Assert.Equal(MemberStatus.Down, e.PreviousStatus);
        Assert.True(CompletesInTime(other.WhenTerminated), "the downed node's actor system terminates");
        Assert.True(CompletesInTime(removed.Task));
        Assert.True(C(other).IsTerminated);
    }

    [Fact]
    public void Leaving_runs_coordinated_shutdown_and_the_node_is_removed_as_Exiting()
    {
        var cluster = C(Sys);
        cluster.Join(cluster.SelfAddress);
        var other = Node();
        C(other).Join(cluster.SelfAddress);
        AwaitUp(Sys, other);
        cluster.Subscribe(TestActor, InitialStateAsSnapshot, typeof(MemberLeft), typeof(MemberExited), typeof(MemberRemoved));
        ExpectMsg<CurrentClusterState>(Wait);

        Assert.True(CompletesInTime(C(other).LeaveAsync()), "LeaveAsync completes when removed");
        ExpectMsg<MemberLeft>(Wait);
        ExpectMsg<MemberExited>(Wait);
        Assert.Equal(MemberStatus.Exiting, ExpectMsg<MemberRemoved>(Wait).PreviousStatus);
        Assert.True(CompletesInTime(other.WhenTerminated));
        Assert.IsType<CoordinatedShutdown.ClusterLeavingReason>(CoordinatedShutdown.Get(other).ShutdownReason);
    }

    [Fact]
    public void Min_nr_of_members_keeps_members_Joining_until_enough_have_joined()
    {
        var first = Node("akka.cluster.min-nr-of-members = 2");
        C(first).Join(C(first).SelfAddress);
        AwaitCondition(() => C(first).SelfMember.Status == MemberStatus.Joining, Wait);
        C(first).Subscribe(TestActor, InitialStateAsSnapshot, typeof(MemberUp));
        ExpectMsg<CurrentClusterState>(Wait);
        ExpectNoMsg(TimeSpan.FromSeconds(1.5));
        var second = Node("akka.cluster.min-nr-of-members = 2");
        C(second).Join(C(first).SelfAddress);
        AwaitUp(first, second);
    }

    [Fact]
    public void Without_convergence_a_joining_node_becomes_WeaklyUp_and_Up_once_convergence_returns()
    {
        const string noDowning = "akka.cluster { downing-provider-class = \"\", allow-weakly-up-members = 1 s }";
        var seed = Node(noDowning);
        var b = Node(noDowning);
        C(seed).Join(C(seed).SelfAddress);
        C(b).Join(C(seed).SelfAddress);
        AwaitUp(seed, b);
        ActorWarehouse.Actors.TestKit.FailureInjector.Blackhole(seed, b.Address);
        ActorWarehouse.Actors.TestKit.FailureInjector.Blackhole(b, seed.Address);
        AwaitCondition(() => !C(seed).State.Unreachable.IsEmpty, Wait, message: "b unreachable from the seed");

        C(seed).Subscribe(TestActor, InitialStateAsSnapshot, typeof(MemberWeaklyUp), typeof(MemberUp));
        ExpectMsg<CurrentClusterState>(Wait);
        var late = Node(noDowning);
        C(late).Join(C(seed).SelfAddress);
        Assert.Equal(late.Address, ExpectMsg<MemberWeaklyUp>(Wait).Member.Address);

        ActorWarehouse.Actors.TestKit.FailureInjector.PassThrough(seed, b.Address);
        ActorWarehouse.Actors.TestKit.FailureInjector.PassThrough(b, seed.Address);
        Assert.Equal(late.Address, ExpectMsg<MemberUp>(Wait).Member.Address);
    }
}
