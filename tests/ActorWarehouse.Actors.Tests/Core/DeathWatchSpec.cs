namespace ActorWarehouse.Actors.Tests.Core;

public sealed class DeathWatchSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef target, IActorRef reporter)
        {
            Context.Watch(target);
            // The Watch system message is already queued at the target when this arrives.
            reporter.Tell("watching");
            Receive<Terminated>(t => reporter.Tell(t));
            Receive<string>(s => s == "unwatch", _ => { Context.Unwatch(target); reporter.Tell("unwatched"); });
        }
    }

    [Fact]
    public void A_watcher_gets_exactly_one_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        Sys.ActorOf(Props.Create(() => new Watcher(target, TestActor)));
        ExpectMsg("watching");
        target.Tell(PoisonPill.Instance);
        var t = ExpectMsg<Terminated>();
        Assert.Equal(target, t.ActorRef);
        Assert.True(t.ExistenceConfirmed);
        Assert.False(t.AddressTerminated);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_an_already_dead_actor_yields_Terminated_immediately()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        Sys.ActorOf(Props.Create(() => new Watcher(target, TestActor)));
        ExpectMsg("watching");
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target));
    }

    [Fact]
    public void No_Terminated_arrives_after_Unwatch()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(target, TestActor)));
        ExpectMsg("watching");
        watcher.Tell("unwatch");
        ExpectMsg("unwatched");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private sealed class ParentWithChildren : ReceiveActor
    {
        public ParentWithChildren(IActorRef reporter)
        {
            for (int i = 0; i < 3; i++) Context.ActorOf(Props.Create(() => new ReportsStop(reporter)), "c" + i);
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => Context.System.EventStream.Publish("parent stopped");
    }

    private sealed class ReportsStop : ReceiveActor
    {
        private readonly IActorRef _reporter;
        public ReportsStop(IActorRef reporter) { _reporter = reporter; ReceiveAny(_ => { }); }
        protected override void PostStop() => _reporter.Tell("child stopped");
    }

    [Fact]
    public void Terminated_arrives_after_all_children_have_stopped()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentWithChildren(TestActor)));
        Watch(parent);
        Thread.Sleep(50);
        Sys.Stop(parent);
        ExpectMsg("child stopped");
        ExpectMsg("child stopped");
        ExpectMsg("child stopped");
        ExpectTerminated(parent);
    }

    private sealed class IgnoresTerminated : ReceiveActor
    {
        public IgnoresTerminated(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => { });
        }
    }

    [Fact]
    public void An_unhandled_Terminated_stops_the_watcher_with_DeathPactException()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new IgnoresTerminated(target)));
        Watch(watcher);
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));
        ExpectTerminated(watcher);
    }

    [Fact]
    public void PoisonPill_stops_after_earlier_messages_and_later_ones_are_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        echo.Tell("before", TestActor);
        echo.Tell(PoisonPill.Instance);
        ExpectMsg("before");
        ExpectTerminated(echo);
        EventFilter.DeadLetter<string>().ExpectOne(() => echo.Tell("after", TestActor));
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public async Task GracefulStop_completes_when_the_actor_has_terminated()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.True(await echo.GracefulStop(TimeSpan.FromSeconds(3)));
        Watch(echo);
        ExpectTerminated(echo);
    }
}
