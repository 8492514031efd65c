namespace ActorWarehouse.Actors.Tests.Core;

public sealed class SupervisionSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Fragile : ReceiveActor
    {
        private int _state;

        public Fragile(IActorRef reporter)
        {
            reporter.Tell("started");
            Receive<int>(n => _state += n);
            Receive<string>(s => s == "get", _ => Sender.Tell(_state));
            Receive<Exception>(e => throw e);
        }

        protected override void PostStop() => Context.System.EventStream.Publish($"stopped {Self.Path.Name}");
    }

    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy, IActorRef reporter)
        {
            _strategy = strategy;
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create(() => new Fragile(reporter)), name)));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private IActorRef ChildOf(SupervisorStrategy strategy, string name = "child")
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy, TestActor)));
        supervisor.Tell(name, TestActor);
        var child = FishForMessage<IActorRef>(_ => true);
        return child;
    }

    [Fact]
    public void Resume_keeps_the_state_and_drops_the_failing_message()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell(5);
        EventFilter.Warning(contains: "boom").ExpectOne(() => child.Tell(new InvalidOperationException("boom")));
        child.Tell("get", TestActor);
        Assert.Equal(5, FishForMessage<int>(_ => true));
    }

    [Fact]
    public void Restart_creates_a_fresh_instance_and_keeps_the_mailbox()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Restart));
        ExpectMsg("started");
        child.Tell(5);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(new InvalidOperationException("boom")));
        ExpectMsg("started");
        child.Tell("get", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Stop));
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell(new InvalidOperationException("boom")));
        FishForMessage<Terminated>(t => t.ActorRef.Equals(child));
    }

    [Fact]
    public void Default_strategy_restarts_on_ordinary_exceptions()
    {
        var child = Sys.ActorOf(Props.Create(() => new Fragile(TestActor)));
        ExpectMsg("started");
        EventFilter.Exception<ArgumentException>().ExpectOne(() => child.Tell(new ArgumentException("bad")));
        ExpectMsg("started");
    }

    [Fact]
    public void Default_strategy_stops_on_ActorKilledException()
    {
        var child = Sys.ActorOf(Props.Create(() => new Fragile(TestActor)));
        ExpectMsg("started");
        Watch(child);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => child.Tell(Kill.Instance));
        ExpectTerminated(child);
    }

    private sealed class FailsInConstructor : ReceiveActor
    {
        public FailsInConstructor() => throw new InvalidOperationException("ctor");
    }

    [Fact]
    public void Default_strategy_stops_an_actor_whose_constructor_throws()
    {
        IActorRef actor = ActorRefs.Nobody;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() =>
        {
            actor = Sys.ActorOf(Props.Create<FailsInConstructor>());
            Watch(actor);
        });
        ExpectTerminated(actor);
    }

    [Fact]
    public void Too_many_restarts_within_the_window_stop_the_child()
    {
        var child = ChildOf(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        ExpectMsg("started");
        Watch(child);
        EventFilter.Exception<InvalidOperationException>().Expect(3, () =>
        {
            for (int i = 0; i < 3; i++) child.Tell(new InvalidOperationException("again"));
        });
        FishForMessage<Terminated>(t => t.ActorRef.Equals(child));
    }

    [Fact]
    public void AllForOne_restarts_every_sibling()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart), TestActor)));
        supervisor.Tell("a", TestActor);
        var a = FishForMessage<IActorRef>(_ => true);
        supervisor.Tell("b", TestActor);
        var b = FishForMessage<IActorRef>(_ => true);
        b.Tell(7);
        b.Tell("get", TestActor);
        FishForMessage<int>(n => n == 7);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => a.Tell(new InvalidOperationException("one fails")));
        AwaitAssert(() =>
        {
            b.Tell("get", TestActor);
            Assert.Equal(0, FishForMessage<int>(_ => true, TimeSpan.FromMilliseconds(300)));
        });
    }

    private sealed class Escalator : ReceiveActor
    {
        public Escalator(IActorRef reporter)
        {
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create(() => new Fragile(reporter)), name)));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);
        protected override void PreRestart(Exception reason, object? message)
        {
            Context.System.EventStream.Publish("middle restarting");
            base.PreRestart(reason, message);
        }
    }

    [Fact]
    public void Escalate_fails_the_parent_with_the_same_exception()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(string));
        var middle = Sys.ActorOf(Props.Create(() => new Escalator(TestActor)));
        middle.Tell("leaf", TestActor);
        var leaf = FishForMessage<IActorRef>(_ => true);
        EventFilter.Exception<FormatException>().ExpectOne(() => leaf.Tell(new FormatException("up")));
        probe.FishForMessage<string>(s => s == "middle restarting");
    }

    private sealed class Lifecycle : ReceiveActor
    {
        private readonly IActorRef _reporter;

        public Lifecycle(IActorRef reporter)
        {
            _reporter = reporter;
            Receive<string>(s => throw new InvalidOperationException(s));
        }

        protected override void PreStart() => _reporter.Tell("preStart");
        protected override void PostStop() => _reporter.Tell("postStop");
        protected override void PreRestart(Exception reason, object? message)
        {
            _reporter.Tell($"preRestart {message}");
            base.PreRestart(reason, message);
        }
        protected override void PostRestart(Exception reason)
        {
            _reporter.Tell($"postRestart {reason.Message}");
            base.PostRestart(reason);
        }
    }

    [Fact]
    public void Lifecycle_hooks_run_in_order_around_a_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor)));
        ExpectMsg("preStart");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("crash"));
        ExpectMsg("preRestart crash");
        ExpectMsg("postStop");
        ExpectMsg("postRestart crash");
        ExpectMsg("preStart");
        Sys.Stop(actor);
        ExpectMsg("postStop");
    }
}

public sealed class GuardianSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    [Fact]
    public async Task A_stopped_user_guardian_terminates_the_system()
    {
        var userGuardian = ((LocalActorRef)Sys.ActorOf(Props.Create<Idle>())).Cell.Parent;
        Assert.Equal("user", userGuardian.Path.Name);
        Sys.Stop(userGuardian);
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
