namespace ActorWarehouse.Actors.Tests.Core;

public sealed class MailboxSpec() : ActorWarehouse.Actors.TestKit.TestKit("""
    tiny-mailbox {
      mailbox-type = bounded
      mailbox-capacity = 2
      mailbox-push-timeout-time = 10 ms
    }
    one-at-a-time {
      throughput = 1
    }
    """)
{
    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim gate)
        {
            Receive<string>(s => s == "block", _ => { Sender.Tell("blocked"); gate.Wait(TimeSpan.FromSeconds(5)); });
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    [Fact]
    public void A_full_bounded_mailbox_sends_the_overflow_to_dead_letters_after_the_push_timeout()
    {
        using var gate = new ManualResetEventSlim(false);
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithMailbox("tiny-mailbox"));
        actor.Tell("block", TestActor);
        ExpectMsg("blocked");
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        EventFilter.DeadLetter<int>().ExpectOne(() => actor.Tell(3, TestActor));
        gate.Set();
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var gate = new ManualResetEventSlim(false);
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(gate)));
        Watch(actor);
        actor.Tell("block", TestActor);
        ExpectMsg("blocked");
        for (int i = 0; i < 100; i++) actor.Tell(i, TestActor);
        Sys.Stop(actor);
        gate.Set();
        // The stop request jumps the queue: none of the 100 queued messages is handled.
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Spinner : ReceiveActor
    {
        public Spinner()
        {
            Receive<int>(n => { if (n > 0) Self.Tell(n - 1); });
        }
    }

    private sealed class Pong : ReceiveActor
    {
        public Pong() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void A_busy_actor_does_not_starve_others()
    {
        // Many actors that keep sending to themselves forever-ish; a quiet actor must still answer promptly.
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => Sys.ActorOf(Props.Create<Spinner>())).ToList();
        foreach (var s in spinners) s.Tell(300_000);
        var pong = Sys.ActorOf(Props.Create<Pong>());
        for (int i = 0; i < 20; i++)
        {
            pong.Tell(i, TestActor);
            ExpectMsg(i);
        }
        foreach (var s in spinners) Sys.Stop(s);
    }

    [Fact]
    public void Throughput_one_still_delivers_everything_in_order()
    {
        var pong = Sys.ActorOf(Props.Create<Pong>().WithDispatcher("one-at-a-time"));
        for (int i = 0; i < 200; i++) pong.Tell(i, TestActor);
        for (int i = 0; i < 200; i++) ExpectMsg(i);
    }

    [Fact]
    public void An_unknown_mailbox_id_is_a_configuration_error()
    {
        Assert.Throws<ActorWarehouse.Actors.Configuration.ConfigurationException>(() => Sys.ActorOf(Props.Create<Pong>().WithMailbox("no-such-mailbox")));
    }

    private sealed class ManyWriters : ReceiveActor
    {
        private readonly Dictionary<IActorRef, int> _last = new();
        private int _received;

        public ManyWriters(int expected, IActorRef reporter)
        {
            Receive<int>(n =>
            {
                var from = Sender;
                if (_last.TryGetValue(from, out var previous) && previous + 1 != n) reporter.Tell($"out of order from {from}");
                _last[from] = n;
                if (++_received == expected) reporter.Tell("all in order");
            });
        }
    }

    private sealed class Writer : ReceiveActor
    {
        public Writer(IActorRef target) => Receive<int>(count => { for (int i = 0; i < count; i++) target.Tell(i); });
    }

    [Fact]
    public void Each_sender_receiver_pair_keeps_its_order_under_concurrency()
    {
        const int writers = 8, each = 5000;
        var sink = Sys.ActorOf(Props.Create(() => new ManyWriters(writers * each, TestActor)));
        for (int w = 0; w < writers; w++) Sys.ActorOf(Props.Create(() => new Writer(sink))).Tell(each);
        ExpectMsg("all in order", TimeSpan.FromSeconds(10));
    }
}
