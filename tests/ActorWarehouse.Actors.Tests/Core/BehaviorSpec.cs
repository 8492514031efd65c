namespace ActorWarehouse.Actors.Tests.Core;

public sealed class BehaviorSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Off();
        }

        private void Off()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("off"));
            Receive<string>(s => s == "on", _ => Become(On));
            Receive<string>(s => s == "push", _ => BecomeStacked(Pushed));
        }

        private void On()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("on"));
            Receive<string>(s => s == "off", _ => Become(Off));
        }

        private void Pushed()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("pushed"));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
        }
    }

    [Fact]
    public void Become_replaces_the_handlers()
    {
        var s = Sys.ActorOf(Props.Create<Switch>());
        s.Tell("state", TestActor);
        ExpectMsg("off");
        s.Tell("on");
        s.Tell("state", TestActor);
        ExpectMsg("on");
        s.Tell("off");
        s.Tell("state", TestActor);
        ExpectMsg("off");
    }

    [Fact]
    public void BecomeStacked_pushes_and_UnbecomeStacked_pops()
    {
        var s = Sys.ActorOf(Props.Create<Switch>());
        s.Tell("push");
        s.Tell("state", TestActor);
        ExpectMsg("pushed");
        s.Tell("pop");
        s.Tell("state", TestActor);
        ExpectMsg("off");
    }

    private sealed class Gate : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => ReceiveAny(m => Sender.Tell(m)));
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("crash"));
            ReceiveAny(_ => Stash.Stash());
        }
    }

    [Fact]
    public void UnstashAll_puts_parked_messages_back_in_their_original_order()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        for (int i = 0; i < 5; i++) gate.Tell(i, TestActor);
        gate.Tell("open");
        gate.Tell(5, TestActor);
        for (int i = 0; i <= 5; i++) ExpectMsg(i);
    }

    [Fact]
    public void Stashed_messages_are_unstashed_when_the_actor_restarts()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(1, TestActor);
        gate.Tell(2, TestActor);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => gate.Tell("crash"));
        gate.Tell("open");
        ExpectMsg(1);
        ExpectMsg(2);
    }

    private sealed class DoubleStash : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public DoubleStash() => ReceiveAny(_ =>
        {
            Stash.Stash();
            try { Stash.Stash(); }
            catch (IllegalActorStateException) { Sender.Tell("refused"); }
        });
    }

    [Fact]
    public void Stashing_the_same_message_twice_is_an_error()
    {
        Sys.ActorOf(Props.Create<DoubleStash>()).Tell("x", TestActor);
        ExpectMsg("refused");
    }

    private sealed class SlowAsync : ReceiveActor
    {
        public SlowAsync()
        {
            ReceiveAsync<string>(async s =>
            {
                var sender = Sender;
                sender.Tell(s + "-start");
                await Task.Delay(50);
                // After the await we are back inside the actor: Sender and Self are still valid.
                Sender.Tell(s + "-end");
                Assert.Equal(sender, Sender);
            });
            Receive<int>(n => Sender.Tell(n));
        }
    }

    [Fact]
    public void ReceiveAsync_does_not_interleave_other_messages()
    {
        var actor = Sys.ActorOf(Props.Create<SlowAsync>());
        actor.Tell("a", TestActor);
        actor.Tell(1, TestActor);
        actor.Tell("b", TestActor);
        ExpectMsg("a-start");
        ExpectMsg("a-end");
        ExpectMsg(1);
        ExpectMsg("b-start");
        ExpectMsg("b-end");
    }

    private sealed class FailsAsync : ReceiveActor
    {
        public FailsAsync(IActorRef reporter)
        {
            reporter.Tell("started");
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
        }
    }

    [Fact]
    public void A_failing_async_handler_is_supervised_like_a_synchronous_one()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailsAsync(TestActor)));
        ExpectMsg("started");
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("go"));
        ExpectMsg("started");
    }
}
