namespace ActorWarehouse.Actors.Tests.Core;

/// <summary>Receive timeouts, timers and the scheduler, driven by virtual time.</summary>
public sealed class TimingSpec() : ActorWarehouse.Actors.TestKit.TestKit("akka.scheduler.implementation = test")
{
    /// <summary>Answered after everything before it was handled, without touching the receive timeout.</summary>
    private sealed record Sync : INotInfluenceReceiveTimeout;

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef reporter)
        {
            Receive<Sync>(s => reporter.Tell(s));
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(1));
            Receive<ReceiveTimeout>(_ => reporter.Tell("timeout"));
            Receive<string>(s => s == "stop-timeout", _ => { Context.SetReceiveTimeout(null); reporter.Tell("cleared"); });
            Receive<string>(s => reporter.Tell("got " + s));
        }
    }

    [Fact]
    public void ReceiveTimeout_fires_after_inactivity_and_repeats_until_cleared()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor)));
        actor.Tell("hi");
        ExpectMsg("got hi");
        actor.Tell(new Sync());
        ExpectMsg<Sync>();
        Scheduler.Advance(TimeSpan.FromMilliseconds(900));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromMilliseconds(200));
        ExpectMsg("timeout");
        actor.Tell(new Sync());
        ExpectMsg<Sync>();
        Scheduler.Advance(TimeSpan.FromSeconds(1.1));
        ExpectMsg("timeout");
        actor.Tell("stop-timeout");
        ExpectMsg("cleared");
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Ticker(IActorRef reporter)
        {
            Receive<string>(s => s == "single", _ => Timers.StartSingleTimer("k", "fired", TimeSpan.FromSeconds(1)));
            Receive<string>(s => s == "periodic", _ => Timers.StartPeriodicTimer("p", "tick", TimeSpan.FromSeconds(1)));
            Receive<string>(s => s == "cancel", _ => { Timers.Cancel("p"); Timers.Cancel("k"); reporter.Tell("cancelled"); });
            Receive<string>(s => s == "active?", _ => reporter.Tell(Timers.IsTimerActive("k")));
            Receive<string>(s => reporter.Tell(s));
        }
    }

    [Fact]
    public void A_single_timer_fires_once()
    {
        var t = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        t.Tell("single");
        t.Tell("active?");
        ExpectMsg(true);
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("fired");
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        t.Tell("active?");
        ExpectMsg(false);
    }

    [Fact]
    public void A_periodic_timer_repeats_until_cancelled()
    {
        var t = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        t.Tell("periodic");
        t.Tell("active?");
        ExpectMsg(false);
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        t.Tell("cancel");
        ExpectMsg("cancelled");
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Restarting_a_timer_key_replaces_the_previous_timer()
    {
        var t = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        t.Tell("single");
        t.Tell("active?");
        ExpectMsg(true);
        Scheduler.Advance(TimeSpan.FromMilliseconds(600));
        t.Tell("single");
        t.Tell("active?");
        ExpectMsg(true);
        Scheduler.Advance(TimeSpan.FromMilliseconds(600));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromMilliseconds(400));
        ExpectMsg("fired");
    }

    [Fact]
    public void Timers_die_with_the_actor()
    {
        var t = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        t.Tell("periodic");
        t.Tell("active?");
        ExpectMsg(false);
        Watch(t);
        Sys.Stop(t);
        ExpectTerminated(t);
        Assert.Equal(0, Scheduler.PendingCount);
    }

    [Fact]
    public void Scheduled_tells_fire_at_their_virtual_time_and_can_be_cancelled()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "later", ActorRefs.NoSender);
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(1), TestActor, "never", ActorRefs.NoSender);
        var repeated = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "again", ActorRefs.NoSender);
        cancelled.Cancel();
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("again");
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsgAllOf("again", "later");
        repeated.Cancel();
        Scheduler.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}

/// <summary>The real (heap) scheduler: bounded waits only, no timing assertions.</summary>
public sealed class HeapSchedulerSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    [Fact]
    public void Scheduled_messages_arrive_in_due_order()
    {
        // Far apart, so that a stalled test thread between the two calls cannot swap their due times.
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1500), TestActor, "second", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(20), TestActor, "first", ActorRefs.NoSender);
        ExpectMsg("first");
        ExpectMsg("second");
    }
}
