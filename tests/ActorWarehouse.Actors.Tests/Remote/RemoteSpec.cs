using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Tests.Remote;

/// <summary>Two actor systems in this process talking over real TCP on 127.0.0.1.</summary>
public sealed class RemoteSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    internal static string RemoteConfig(string secret = "test-secret") => $$"""
        akka.actor.provider = remote
        akka.remote.secret = "{{secret}}"
        akka.remote.dot-netty.tcp.port = 0
        akka.remote.watch-failure-detector { heartbeat-interval = 200 ms, acceptable-heartbeat-pause = 2 s }
        akka.remote.retry-gate-closed-for = 300 ms
        akka.remote.resend-interval = 300 ms
        akka.coordinated-shutdown.default-phase-timeout = 3 s
        akka.stdout-logger-enabled = off
        """;

    private readonly ActorSystem _other;

    public RemoteSpec() : base(RemoteConfig())
    {
        _other = ActorSystem.Create("other", ConfigurationFactory.ParseString(RemoteConfig()));
    }

    protected override void BeforeShutdown() => _other.Terminate().Wait(TimeSpan.FromSeconds(10));

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private IActorRef RemoteRef(IActorRef local)
    {
        Sys.ActorSelection(local.Path.ToString()).Tell(new Identify("resolve"), TestActor);
        return ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(5)).Subject ?? throw new InvalidOperationException("not found");
    }

    [Fact]
    public void Addresses_are_tcp_on_loopback_with_a_real_port()
    {
        Assert.Equal(Address.TcpProtocol, Sys.Address.Protocol);
        Assert.Equal("127.0.0.1", Sys.Address.Host);
        Assert.True(Sys.Address.Port > 0);
    }

    [Fact]
    public void A_message_and_its_reply_cross_between_systems()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = RemoteRef(echo);
        Assert.Equal(echo.Path.ToSerializationFormat(), remoteEcho.Path.ToSerializationFormat());
        remoteEcho.Tell("over the wire", TestActor);
        ExpectMsg("over the wire");
        Assert.Equal(remoteEcho, LastSender);
        for (int i = 0; i < 500; i++) remoteEcho.Tell((long)i, TestActor);
        for (int i = 0; i < 500; i++) ExpectMsg((long)i);
    }

    [Fact]
    public async Task Ask_works_across_systems()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "asked");
        var remote = RemoteRef(echo);
        Assert.Equal("ping", await remote.Ask<string>("ping", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_large_payload_is_chunked_and_reassembled()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "big");
        var remote = RemoteRef(echo);
        var payload = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(payload);
        remote.Tell(payload, TestActor);
        var back = ExpectMsg<byte[]>(TimeSpan.FromSeconds(10));
        Assert.Equal(payload, back);
    }

    [Fact]
    public void Remote_DeathWatch_delivers_Terminated_when_the_remote_actor_stops()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "mortal");
        var remote = RemoteRef(echo);
        Watch(remote);
        Thread.Sleep(200);
        _other.Stop(echo);
        var t = ExpectTerminated(remote, TimeSpan.FromSeconds(5));
        Assert.False(t.AddressTerminated);
    }

    [Fact]
    public void A_quiet_but_live_peer_is_not_declared_dead()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "quiet");
        var remote = RemoteRef(echo);
        Watch(remote);
        // Longer than acceptable-heartbeat-pause (2 s) without any application traffic.
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        _other.Stop(echo);
        Assert.False(ExpectTerminated(remote, TimeSpan.FromSeconds(5)).AddressTerminated);
    }

    [Fact]
    public void Watching_a_remote_actor_that_is_already_gone_yields_Terminated()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "gone");
        var remote = RemoteRef(echo);
        _other.Stop(echo);
        Thread.Sleep(100);
        Watch(remote);
        ExpectTerminated(remote, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_peer_with_the_wrong_secret_is_refused_before_any_message_is_delivered()
    {
        using var intruder = ActorSystem.Create("intruder", ConfigurationFactory.ParseString(RemoteConfig("wrong-secret")));
        var target = Sys.ActorOf(Props.Create<Echo>(), "guarded");
        var path = target.Path.ToString();
        EventFilter.Warning(contains: "does not prove the cluster secret").ExpectOne(() =>
            intruder.ActorSelection(path).Tell("let me in", intruder.DeadLetters));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        await intruder.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_restarted_peer_with_a_new_uid_quarantines_the_old_incarnation()
    {
        var port = _other.Address.Port!.Value;
        var first = ActorSystem.Create("phoenix", ConfigurationFactory.ParseString(RemoteConfig()));
        var firstPort = first.Address.Port!.Value;
        first.ActorOf(Props.Create<Echo>(), "echo");
        var path = $"{first.Address}/user/echo";
        Sys.ActorSelection(path).Tell("hello", TestActor);
        ExpectMsg("hello");
        await first.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        var again = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {firstPort}").WithFallback(ConfigurationFactory.ParseString(RemoteConfig()));
        using var second = ActorSystem.Create("phoenix", again);
        second.ActorOf(Props.Create<Echo>(), "echo");
        EventFilter.Warning(contains: "UID is now quarantined").ExpectOne(() =>
        {
            AwaitAssert(() =>
            {
                Sys.ActorSelection(path).Tell("hello again", TestActor);
                ExpectMsg("hello again", TimeSpan.FromMilliseconds(500));
            }, TimeSpan.FromSeconds(8));
        }, TimeSpan.FromSeconds(10));
        Assert.NotEqual(0, port);
        await second.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}

/// <summary>Delivery guarantees of remoting under injected faults.</summary>
public sealed class RemoteDeliverySpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private readonly ActorSystem _other;

    public RemoteDeliverySpec() : base(RemoteSpec.RemoteConfig() + "\nakka.remote { send-queue-capacity = 10, send-queue-push-timeout = 100 ms }")
    {
        _other = ActorSystem.Create("other", ConfigurationFactory.ParseString(RemoteSpec.RemoteConfig()));
    }

    protected override void BeforeShutdown() => _other.Terminate().Wait(TimeSpan.FromSeconds(10));

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private IActorRef Resolve(IActorRef local)
    {
        Sys.ActorSelection(local.Path.ToString()).Tell(new Identify(null), TestActor);
        return ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(5)).Subject!;
    }

    [Fact]
    public void A_lost_system_message_is_resent_until_acknowledged()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "watched");
        var remote = Resolve(echo);
        // The Watch arrives at the other side but is lost once; only the resend establishes the watch.
        _other.Remote!.DropNextInboundSystemMessages = 1;
        Watch(remote);
        AwaitCondition(() => _other.Remote!.DropNextInboundSystemMessages == 0, TimeSpan.FromSeconds(5));
        AwaitCondition(() => Sys.Remote!.AssociationFor(_other.Address).UnackedCount == 0, TimeSpan.FromSeconds(5));
        _other.Stop(echo);
        ExpectTerminated(remote, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_silent_partition_makes_remote_DeathWatch_report_AddressTerminated_and_quarantine()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "partitioned");
        var remote = Resolve(echo);
        Watch(remote);
        remote.Tell("still there?", TestActor);
        ExpectMsg("still there?");
        EventFilter.Warning(contains: "UID is now quarantined").ExpectOne(() =>
        {
            ActorWarehouse.Actors.TestKit.FailureInjector.Blackhole(Sys, _other.Address);
            var t = ExpectTerminated(remote, TimeSpan.FromSeconds(10));
            Assert.True(t.AddressTerminated);
            Assert.False(t.ExistenceConfirmed);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_full_send_queue_makes_senders_wait_then_drops_to_dead_letters()
    {
        var echo = _other.ActorOf(Props.Create<Echo>(), "slow");
        var remote = Resolve(echo);
        var association = Sys.Remote!.AssociationFor(_other.Address);
        association.PauseUserMessagesForTest = true;
        for (int i = 0; i < 10; i++) remote.Tell(i, TestActor);
        EventFilter.DeadLetter<int>().ExpectOne(() => remote.Tell(10, TestActor));
        association.PauseUserMessagesForTest = false;
        for (int i = 0; i < 10; i++) ExpectMsg(i, TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}

public sealed class RemoteSettingsSpec
{
    [Fact]
    public void Remoting_refuses_to_start_without_a_cluster_secret()
    {
        var saved = Environment.GetEnvironmentVariable("AW_CLUSTER_SECRET");
        Environment.SetEnvironmentVariable("AW_CLUSTER_SECRET", null);
        try
        {
            var e = Assert.Throws<ConfigurationException>(() =>
                ActorSystem.Create("no-secret", "akka.actor.provider = remote\nakka.remote.dot-netty.tcp.port = 0"));
            Assert.Contains("AW_CLUSTER_SECRET", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AW_CLUSTER_SECRET", saved);
        }
    }

    [Fact]
    public void Remoting_binds_loopback_by_default()
    {
        var config = ConfigurationFactory.ParseString("akka.actor.provider = remote\nakka.remote.secret = s").WithFallback(ConfigurationFactory.Default());
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
    }
}
