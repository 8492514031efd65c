using System.Collections.Immutable;
using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.TestKit;
using PersistenceExtension = ActorWarehouse.Actors.Persistence.Persistence;

namespace ActorWarehouse.Actors.Tests.Persistence.Tck;

/// <summary>
/// The journal conformance kit (like Akka.Persistence.TCK's JournalSpec): every journal plugin runs these specs
/// through the journal actor protocol. Setup writes "a-1" … "a-5" for one persistence id, the last two in one
/// AtomicWrite.
/// </summary>
public abstract class JournalSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private readonly TestProbe _writer;
    private int _instanceId = 1;

    protected JournalSpec(string pluginConfig) : base(pluginConfig)
    {
        Journal = PersistenceExtension.Get(Sys).JournalFor(null);
        _writer = CreateTestProbe();
        Pid = "p-" + Guid.NewGuid().ToString("N");
        WriteMessages(Pid, 1, 5, lastTwoAtomic: true);
    }

    protected IActorRef Journal { get; }

    protected string Pid { get; }

    protected static Persistent Event(string pid, long seq, object payload) => new(payload, seq, pid, "", false, null, "writer-1");

    private void WriteMessages(string pid, int from, int to, bool lastTwoAtomic)
    {
        var messages = new List<IPersistentEnvelope>();
        for (int i = from; i <= to; i++)
        {
            if (lastTwoAtomic && i == to - 1)
            {
                messages.Add(new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(Event(pid, i, $"a-{i}"), Event(pid, i + 1, $"a-{i + 1}"))));
                break;
            }
            messages.Add(new AtomicWrite(Event(pid, i, $"a-{i}")));
        }
        Journal.Tell(new WriteMessages(messages, _writer.Ref, _instanceId), _writer.Ref);
        _writer.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
        for (int i = from; i <= to; i++)
            _writer.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == i && (string)m.Persistent.Payload == $"a-{i}" && m.ActorInstanceId == _instanceId);
    }

    protected (List<IPersistentRepresentation> Events, long Highest) Replay(long from, long to, long max, string? pid = null)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new ReplayMessages(from, to, max, pid ?? Pid, probe.Ref), probe.Ref);
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            var message = probe.ReceiveOne(TimeSpan.FromSeconds(10)) ?? throw new TestKitAssertionException("no replay reply within 10 s");
            switch (message)
            {
                case ReplayedMessage r: events.Add(r.Persistent); break;
                case RecoverySuccess s: return (events, s.HighestSequenceNr);
                case ReplayMessagesFailure f: throw new TestKitAssertionException($"replay failed: {f.Cause}");
                default: throw new TestKitAssertionException($"unexpected {message}");
            }
        }
    }

    protected static string[] Payloads(IEnumerable<IPersistentRepresentation> events) => events.Select(e => (string)e.Payload).ToArray();

    protected void DeleteTo(long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(Pid, toSequenceNr, probe.Ref), probe.Ref);
        probe.ExpectMsg<DeleteMessagesSuccess>(m => m.ToSequenceNr == toSequenceNr, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_journal_replays_all_messages()
    {
        var (events, highest) = Replay(1, long.MaxValue, long.MaxValue);
        Assert.Equal(["a-1", "a-2", "a-3", "a-4", "a-5"], Payloads(events));
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.SequenceNr));
        Assert.All(events, e => Assert.Equal(Pid, e.PersistenceId));
        Assert.Equal(5, highest);
    }

    [Fact]
    public void A_journal_replays_messages_using_a_lower_sequence_number_bound() =>
        Assert.Equal(["a-3", "a-4", "a-5"], Payloads(Replay(3, long.MaxValue, long.MaxValue).Events));

    [Fact]
    public void A_journal_replays_messages_using_an_upper_sequence_number_bound() =>
        Assert.Equal(["a-1", "a-2", "a-3"], Payloads(Replay(1, 3, long.MaxValue).Events));

    [Fact]
    public void A_journal_replays_messages_using_a_count_limit() =>
        Assert.Equal(["a-1", "a-2", "a-3"], Payloads(Replay(1, long.MaxValue, 3).Events));

    [Fact]
    public void A_journal_replays_messages_using_lower_and_upper_bounds() =>
        Assert.Equal(["a-2", "a-3"], Payloads(Replay(2, 3, long.MaxValue).Events));

    [Fact]
    public void A_journal_replays_messages_using_bounds_and_a_count_limit() =>
        Assert.Equal(["a-2", "a-3"], Payloads(Replay(2, 5, 2).Events));

    [Fact]
    public void A_journal_replays_a_single_message_when_from_equals_to() =>
        Assert.Equal(["a-2"], Payloads(Replay(2, 2, long.MaxValue).Events));

    [Fact]
    public void A_journal_replays_a_single_message_when_max_is_one() =>
        Assert.Equal(["a-2"], Payloads(Replay(2, 4, 1).Events));

    [Fact]
    public void A_journal_replays_nothing_but_reports_the_highest_number_when_max_is_zero()
    {
        var (events, highest) = Replay(1, long.MaxValue, 0);
        Assert.Empty(events);
        Assert.Equal(5, highest);
    }

    [Fact]
    public void A_journal_replays_nothing_when_from_is_greater_than_to() =>
        Assert.Empty(Replay(3, 2, long.MaxValue).Events);

    [Fact]
    public void A_journal_replays_nothing_and_reports_zero_for_an_unknown_persistence_id()
    {
        var (events, highest) = Replay(1, long.MaxValue, long.MaxValue, "unknown-" + Guid.NewGuid().ToString("N"));
        Assert.Empty(events);
        Assert.Equal(0, highest);
    }

    [Fact]
    public void A_journal_does_not_replay_deleted_messages()
    {
        DeleteTo(3);
        Assert.Equal(["a-4", "a-5"], Payloads(Replay(1, long.MaxValue, long.MaxValue).Events));
    }

    [Fact]
    public void A_journal_keeps_the_highest_sequence_number_after_a_partial_delete()
    {
        DeleteTo(3);
        Assert.Equal(5, Replay(1, long.MaxValue, long.MaxValue).Highest);
    }

    [Fact]
    public void A_journal_keeps_the_highest_sequence_number_after_deleting_everything()
    {
        DeleteTo(5);
        var (events, highest) = Replay(1, long.MaxValue, long.MaxValue);
        Assert.Empty(events);
        Assert.Equal(5, highest);
        DeleteTo(5);
        Assert.Equal(5, Replay(6, long.MaxValue, long.MaxValue).Highest);
    }

    [Fact]
    public void A_journal_stores_an_AtomicWrite_of_several_events_together()
    {
        var pid = "atomic-" + Guid.NewGuid().ToString("N");
        var write = new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(Event(pid, 1, "x-1"), Event(pid, 2, "x-2"), Event(pid, 3, "x-3")));
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([write], probe.Ref, 7), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
        for (int i = 1; i <= 3; i++) probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == i && m.ActorInstanceId == 7);
        var (events, highest) = Replay(1, long.MaxValue, long.MaxValue, pid);
        Assert.Equal(["x-1", "x-2", "x-3"], Payloads(events));
        Assert.Equal(3, highest);
    }

    [Fact]
    public void A_journal_round_trips_event_payloads_through_serialization()
    {
        var pid = "types-" + Guid.NewGuid().ToString("N");
        var guid = Guid.NewGuid();
        object[] payloads = [42, 1234567890123L, guid, 2.5, new byte[] { 1, 2, 3 }, "text ✓"];
        var probe = CreateTestProbe();
        var writes = payloads.Select((p, i) => (IPersistentEnvelope)new AtomicWrite(Event(pid, i + 1, p))).ToList();
        Journal.Tell(new WriteMessages(writes, probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
        probe.ReceiveN(payloads.Length, TimeSpan.FromSeconds(10));
        var (events, _) = Replay(1, long.MaxValue, long.MaxValue, pid);
        Assert.Equal(payloads.Length, events.Count);
        Assert.Equal(42, events[0].Payload);
        Assert.Equal(1234567890123L, events[1].Payload);
        Assert.Equal(guid, events[2].Payload);
        Assert.Equal(2.5, events[3].Payload);
        Assert.Equal(new byte[] { 1, 2, 3 }, events[4].Payload);
        Assert.Equal("text ✓", events[5].Payload);
        Assert.All(events, e => Assert.True(e.Timestamp > 0, "events carry a write timestamp"));
    }

    [Fact]
    public void A_journal_stores_the_payload_of_a_Tagged_event()
    {
        var pid = "tagged-" + Guid.NewGuid().ToString("N");
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([new AtomicWrite(Event(pid, 1, new Tagged("t-1", ["red", "blue"])))], probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
        probe.ExpectMsg<WriteMessageSuccess>();
        Assert.Equal("t-1", Assert.Single(Replay(1, long.MaxValue, long.MaxValue, pid).Events).Payload);
    }

    [Fact]
    public void A_write_that_fails_in_the_middle_of_its_batch_leaves_nothing_of_that_batch()
    {
        // A duplicate sequence number makes the store fail after other events of the same AtomicWrite.
        var probe = CreateTestProbe();
        var write = new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(Event(Pid, 6, "a-6"), Event(Pid, 7, "a-7"), Event(Pid, 5, "dup")));
        Journal.Tell(new WriteMessages([write], probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesFailed>(TimeSpan.FromSeconds(10));
        for (int i = 0; i < 3; i++) probe.ExpectMsg<WriteMessageFailure>();
        var (events, highest) = Replay(1, long.MaxValue, long.MaxValue);
        Assert.Equal(["a-1", "a-2", "a-3", "a-4", "a-5"], Payloads(events));
        Assert.Equal(5, highest);
    }

    [Fact]
    public async Task Concurrent_writers_to_different_persistence_ids_each_see_all_their_events_in_order()
    {
        const int writers = 16, writesEach = 40;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            var pid = $"concurrent-{w}-{Guid.NewGuid():N}";
            var probe = CreateTestProbe();
            for (int i = 1; i <= writesEach; i++)
                Journal.Tell(new WriteMessages([new AtomicWrite(Event(pid, i, $"w{w}-{i}"))], probe.Ref, w), probe.Ref);
            for (int i = 1; i <= writesEach; i++)
            {
                probe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(20));
                probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == i);
            }
            return (pid, w);
        })).ToList();
        foreach (var (pid, w) in await Task.WhenAll(tasks))
        {
            var (events, highest) = Replay(1, long.MaxValue, long.MaxValue, pid);
            Assert.Equal(Enumerable.Range(1, writesEach).Select(i => $"w{w}-{i}"), Payloads(events));
            Assert.Equal(writesEach, highest);
        }
    }
}

/// <summary>
/// The extra conformance specs of journals that serialize events into a database (SQLite, PostgreSQL): rejection
/// of events that cannot be serialized, and rollback of a write transaction interrupted by a store failure.
/// </summary>
public abstract class SerializingJournalSpec(string pluginConfig) : JournalSpec(pluginConfig)
{
    private sealed class NotSerializable(int value)
    {
        public int Value { get; } = value;
    }

    [Fact]
    public void A_journal_rejects_an_AtomicWrite_with_a_non_serializable_event_and_stores_the_other_writes()
    {
        var pid = "reject-" + Guid.NewGuid().ToString("N");
        var probe = CreateTestProbe();
        var writes = new List<IPersistentEnvelope>
        {
            new AtomicWrite(Event(pid, 1, "ok-1")),
            new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(Event(pid, 2, "ok-2"), Event(pid, 3, new NotSerializable(3)))),
            new AtomicWrite(Event(pid, 4, "ok-4")),
        };
        Journal.Tell(new WriteMessages(writes, probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
        probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == 1);
        probe.ExpectMsg<WriteMessageRejected>(m => m.Persistent.SequenceNr == 2);
        probe.ExpectMsg<WriteMessageRejected>(m => m.Persistent.SequenceNr == 3);
        probe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == 4);
        Assert.Equal(["ok-1", "ok-4"], Payloads(Replay(1, long.MaxValue, long.MaxValue, pid).Events));
    }

    [Fact]
    public void A_batch_interrupted_by_a_store_failure_is_rolled_back_and_the_journal_keeps_working()
    {
        var pid = "crash-" + Guid.NewGuid().ToString("N");
        var probe = CreateTestProbe();
        var events = Enumerable.Range(1, 5).Select(i => (IPersistentRepresentation)Event(pid, i, $"c-{i}")).ToImmutableList();
        InjectFailure(pid, 4);
        try
        {
            Journal.Tell(new WriteMessages([new AtomicWrite(events)], probe.Ref, 1), probe.Ref);
            probe.ExpectMsg<WriteMessagesFailed>(TimeSpan.FromSeconds(10));
            for (int i = 0; i < 5; i++) probe.ExpectMsg<WriteMessageFailure>();
        }
        finally
        {
            ClearFailure(pid);
        }
        var (none, zero) = Replay(1, long.MaxValue, long.MaxValue, pid);
        Assert.Empty(none);
        Assert.Equal(0, zero);
        Journal.Tell(new WriteMessages([new AtomicWrite(events)], probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
        Assert.Equal(["c-1", "c-2", "c-3", "c-4", "c-5"], Payloads(Replay(1, long.MaxValue, long.MaxValue, pid).Events));
    }

    [Fact]
    public void A_failing_write_request_does_not_take_down_requests_committed_in_the_same_group()
    {
        var failing = "crash-" + Guid.NewGuid().ToString("N");
        var healthy = "healthy-" + Guid.NewGuid().ToString("N");
        var failingProbe = CreateTestProbe();
        var healthyProbe = CreateTestProbe();
        InjectFailure(failing, 1);
        try
        {
            // Sent back to back, the requests usually share one transaction of the group-commit writer.
            for (int i = 1; i <= 3; i++)
            {
                Journal.Tell(new WriteMessages([new AtomicWrite(Event(failing, i, $"f-{i}"))], failingProbe.Ref, 1), failingProbe.Ref);
                Journal.Tell(new WriteMessages([new AtomicWrite(Event(healthy, i, $"h-{i}"))], healthyProbe.Ref, 2), healthyProbe.Ref);
            }
            for (int i = 1; i <= 3; i++)
            {
                healthyProbe.ExpectMsg<WriteMessagesSuccessful>(TimeSpan.FromSeconds(10));
                healthyProbe.ExpectMsg<WriteMessageSuccess>(m => m.Persistent.SequenceNr == i);
            }
            failingProbe.ExpectMsg<WriteMessagesFailed>(TimeSpan.FromSeconds(10));
        }
        finally
        {
            ClearFailure(failing);
        }
        Assert.Equal(["h-1", "h-2", "h-3"], Payloads(Replay(1, long.MaxValue, long.MaxValue, healthy).Events));
        Assert.DoesNotContain("f-1", Payloads(Replay(1, long.MaxValue, long.MaxValue, failing).Events));
    }

    private static void InjectFailure(string persistenceId, long sequenceNr) =>
        ActorWarehouse.Actors.Persistence.Sql.GroupCommitWriter.InjectedInsertFailures[persistenceId] = sequenceNr;

    private static void ClearFailure(string persistenceId) =>
        ActorWarehouse.Actors.Persistence.Sql.GroupCommitWriter.InjectedInsertFailures.TryRemove(persistenceId, out _);
}
