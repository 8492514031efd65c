using ActorWarehouse.Actors.TestKit;

namespace ActorWarehouse.Actors.Tests.Core;

public sealed class ActorBasicsSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter()
        {
            Receive<string>(s => s == "get", _ => Sender.Tell(_count));
            Receive<int>(n => _count += n);
        }
    }

    [Fact]
    public void Tell_delivers_the_message_with_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Paths_name_the_system_guardian_and_actor_and_refs_carry_a_uid()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "named");
        Assert.Equal($"akka://{Sys.Name}/user/named", echo.Path.ToString());
        Assert.NotEqual(ActorPath.UndefinedUid, echo.Path.Uid);
        Assert.EndsWith($"#{echo.Path.Uid}]", echo.ToString());
    }

    [Fact]
    public void Sibling_names_must_be_unique()
    {
        Sys.ActorOf(Props.Create<Echo>(), "twin");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "twin"));
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(echo)));
        forwarder.Tell(42, TestActor);
        ExpectMsg(42);
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_the_order_sent()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        for (int i = 0; i < 1000; i++) echo.Tell(i, TestActor);
        for (int i = 0; i < 1000; i++) ExpectMsg(i);
    }

    [Fact]
    public void Handlers_are_tried_in_order_with_predicates()
    {
        var counter = Sys.ActorOf(Props.Create<Counter>());
        counter.Tell(2);
        counter.Tell(3);
        counter.Tell("get", TestActor);
        ExpectMsg(5);
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(UnhandledMessage));
        var counter = Sys.ActorOf(Props.Create<Counter>());
        counter.Tell(1.5, TestActor);
        var unhandled = probe.ExpectMsg<UnhandledMessage>();
        Assert.Equal(1.5, unhandled.Message);
        Assert.Equal(counter, unhandled.Recipient);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        EventFilter.DeadLetter<string>().ExpectOne(() => echo.Tell("late"));
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_props_fails()
    {
        Assert.Throws<ActorInitializationException>(() => new Echo());
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create<Echo>(), name)));
        }
    }

    [Fact]
    public void Children_live_under_their_parent_path()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell("kid", TestActor);
        var kid = ExpectMsg<IActorRef>();
        Assert.Equal($"akka://{Sys.Name}/user/parent/kid", kid.Path.ToString());
    }

    [Fact]
    public void Untyped_actor_reports_unhandled_messages()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<OnlyStrings>());
        actor.Tell("a", TestActor);
        ExpectMsg("A");
        actor.Tell(7, TestActor);
        Assert.Equal(7, probe.ExpectMsg<UnhandledMessage>().Message);
    }

    private sealed class OnlyStrings : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s) Sender.Tell(s.ToUpperInvariant());
            else Unhandled(message);
        }
    }
}
