using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.TestKit;

namespace ActorWarehouse.Actors.Tests.Persistence;

/// <summary>
/// ReceivePersistentActor semantics (recovery, stashing during Persist, PersistAll/PersistAsync/DeferAsync ordering,
/// snapshots, deletes, recovery settings and failures), run on every plugin. Events are strings so that every
/// plugin can serialize them.
/// </summary>
public abstract class PersistentActorSpec(string pluginConfig) : ActorWarehouse.Actors.TestKit.TestKit(pluginConfig)
{
    public sealed record PersistOne(string Event);
    public sealed record PersistMany(string[] Events);
    public sealed record PersistManyAsync(string[] Events);
    public sealed record PersistObject(object Event);
    public sealed record PersistAfterAwait(string Event);
    public sealed record PersistNested(string Outer, string Inner);
    public sealed record Get;
    public sealed record State(string Events, long LastSequenceNr);
    public sealed record TakeSnapshot;
    public sealed record DeleteUpTo(long ToSequenceNr);
    public sealed record DeleteSnapshotsMatching(SnapshotSelectionCriteria Criteria);
    public sealed record Hold(int N);
    public sealed record Release;
    public sealed record Recovered(string Events, long LastSequenceNr);
    public sealed record RecoveryFailed(string Reason, object? Event);
    public sealed record Rejected(long SequenceNr);
    public sealed record PersistFailed(long SequenceNr);

    /// <summary>Records events as a comma-separated state and reports everything interesting to a probe.</summary>
    protected sealed class Recorder : ReceivePersistentActor
    {
        private readonly List<string> _events = [];
        private readonly IActorRef _probe;
        private readonly Recovery _recovery;
        private bool _released;

        public Recorder(string persistenceId, IActorRef probe, Recovery? recovery)
        {
            PersistenceId = persistenceId;
            _probe = probe;
            _recovery = recovery ?? Recovery.Default;

            Recover<SnapshotOffer>(o =>
            {
                _events.AddRange(((string)o.Snapshot).Split(',', StringSplitOptions.RemoveEmptyEntries));
                probe.Tell($"offer@{o.Metadata.SequenceNr}");
            });
            Recover<string>(e =>
            {
                if (e == "boom") throw new InvalidOperationException("cannot apply boom");
                _events.Add(e);
            });
            Recover<RecoveryCompleted>(_ => probe.Tell(new Recovered(string.Join(",", _events), LastSequenceNr)));

            Command<PersistOne>(c => Persist(c.Event, e => { _events.Add(e); Sender.Tell($"persisted {e}"); }));
            Command<PersistMany>(c => PersistAll(c.Events, e => { _events.Add(e); Sender.Tell($"persisted {e}"); }));
            Command<PersistManyAsync>(c =>
            {
                foreach (var e in c.Events) PersistAsync(e, x => { _events.Add(x); Sender.Tell($"async {x}"); });
                DeferAsync("deferred", d => Sender.Tell(d));
            });
            CommandAsync<PersistAfterAwait>(async c =>
            {
                await Task.Yield();
                Persist(c.Event, e => { _events.Add(e); Sender.Tell($"persisted {e}"); });
            });
            Command<PersistNested>(c => Persist(c.Outer, outer =>
            {
                _events.Add(outer);
                Persist(c.Inner, inner => { _events.Add(inner); Sender.Tell($"nested {outer}/{inner}"); });
            }));
            Command<PersistObject>(c => Persist(c.Event, _ => Sender.Tell("persisted object")));
            Command<Get>(_ => Sender.Tell(new State(string.Join(",", _events), LastSequenceNr)));
            Command<TakeSnapshot>(_ => SaveSnapshot(string.Join(",", _events)));
            Command<DeleteUpTo>(c => DeleteMessages(c.ToSequenceNr));
            Command<DeleteSnapshotsMatching>(c => DeleteSnapshots(c.Criteria));
            Command<Hold>(h =>
            {
                if (_released) Sender.Tell($"held {h.N}");
                else Stash.Stash();
            });
            Command<Release>(_ =>
            {
                _released = true;
                Stash.UnstashAll();
                Sender.Tell("released");
            });
            Command<SaveSnapshotSuccess>(m => probe.Tell(m));
            Command<DeleteMessagesSuccess>(m => probe.Tell(m));
            Command<DeleteMessagesFailure>(m => probe.Tell(m));
            Command<DeleteSnapshotsSuccess>(m => probe.Tell(m));
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery => _recovery;

        protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
            _probe.Tell(new RecoveryFailed(reason.Message, message));

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
            _probe.Tell(new Rejected(sequenceNr));

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
            _probe.Tell(new PersistFailed(sequenceNr));
    }

    protected static string NewPid() => "actor-" + Guid.NewGuid().ToString("N");

    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Starts a recorder and waits for its recovery report.</summary>
    protected (IActorRef Actor, Recovered Recovered) Start(string pid, Recovery? recovery = null)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(pid, TestActor, recovery)));
        return (actor, ExpectMsg<Recovered>(Wait));
    }

    protected void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, Wait);
    }

    protected IActorRef StartWithEvents(string pid, params string[] events)
    {
        var (actor, _) = Start(pid);
        foreach (var e in events)
        {
            actor.Tell(new PersistOne(e), TestActor);
            ExpectMsg($"persisted {e}", Wait);
        }
        return actor;
    }

    [Fact]
    public void A_persistent_actor_recovers_its_state_by_replaying_its_events()
    {
        var pid = NewPid();
        StopAndWait(StartWithEvents(pid, "a", "b", "c"));
        var (_, recovered) = Start(pid);
        Assert.Equal(new Recovered("a,b,c", 3), recovered);
    }

    [Fact]
    public void A_command_sent_while_Persist_is_in_flight_waits_until_the_handler_ran()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new PersistOne("x"), TestActor);
        actor.Tell(new Get(), TestActor);
        ExpectMsg("persisted x", Wait);
        ExpectMsg(new State("x", 1), Wait);
    }

    [Fact]
    public void PersistAll_runs_the_handler_once_per_event_in_order_before_later_commands()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new PersistMany(["e1", "e2", "e3"]), TestActor);
        actor.Tell(new Get(), TestActor);
        ExpectMsg("persisted e1", Wait);
        ExpectMsg("persisted e2", Wait);
        ExpectMsg("persisted e3", Wait);
        ExpectMsg(new State("e1,e2,e3", 3), Wait);
    }

    [Fact]
    public void PersistAsync_does_not_hold_back_later_commands_and_its_handlers_and_DeferAsync_run_in_order()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new PersistManyAsync(["p1", "p2", "p3"]), TestActor);
        actor.Tell(new Get(), TestActor);
        // Get was queued before any journal reply could be, and PersistAsync does not stash it.
        ExpectMsg(new State("", 0), Wait);
        ExpectMsg("async p1", Wait);
        ExpectMsg("async p2", Wait);
        ExpectMsg("async p3", Wait);
        ExpectMsg("deferred", Wait);
        actor.Tell(new Get(), TestActor);
        ExpectMsg(new State("p1,p2,p3", 3), Wait);
    }

    [Fact]
    public void A_Persist_after_an_await_in_CommandAsync_is_written_and_holds_back_later_commands()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new PersistAfterAwait("z"), TestActor);
        actor.Tell(new Get(), TestActor);
        ExpectMsg("persisted z", Wait);
        ExpectMsg(new State("z", 1), Wait);
    }

    [Fact]
    public void A_Persist_inside_a_persist_handler_is_written_before_later_commands_run()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new PersistNested("outer", "inner"), TestActor);
        actor.Tell(new Get(), TestActor);
        ExpectMsg("nested outer/inner", Wait);
        ExpectMsg(new State("outer,inner", 2), Wait);
    }

    [Fact]
    public void DeferAsync_with_nothing_pending_runs_at_once()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new PersistManyAsync([]), TestActor);
        ExpectMsg("deferred", Wait);
    }

    [Fact]
    public void Commands_sent_before_recovery_finished_are_handled_after_it()
    {
        var pid = NewPid();
        StopAndWait(StartWithEvents(pid, "a", "b"));
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(pid, TestActor, null)));
        actor.Tell(new Get(), TestActor);
        ExpectMsg(new Recovered("a,b", 2), Wait);
        ExpectMsg(new State("a,b", 2), Wait);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        var pid = NewPid();
        var actor = StartWithEvents(pid, "a", "b", "c");
        actor.Tell(new TakeSnapshot(), TestActor);
        Assert.Equal(3, ExpectMsg<SaveSnapshotSuccess>(Wait).Metadata.SequenceNr);
        actor.Tell(new PersistOne("d"), TestActor);
        ExpectMsg("persisted d", Wait);
        StopAndWait(actor);
        var restarted = Sys.ActorOf(Props.Create(() => new Recorder(pid, TestActor, null)));
        ExpectMsg("offer@3", Wait);
        ExpectMsg(new Recovered("a,b,c,d", 4), Wait);
        restarted.Tell(new PersistOne("e"), TestActor);
        ExpectMsg("persisted e", Wait);
        restarted.Tell(new Get(), TestActor);
        ExpectMsg(new State("a,b,c,d,e", 5), Wait);
    }

    [Fact]
    public void Recovery_stops_at_ToSequenceNr_but_continues_numbering_after_the_highest_event()
    {
        var pid = NewPid();
        StopAndWait(StartWithEvents(pid, "a", "b", "c"));
        var (actor, recovered) = Start(pid, new Recovery(SnapshotSelectionCriteria.Latest, ToSequenceNr: 2));
        Assert.Equal(new Recovered("a,b", 3), recovered);
        actor.Tell(new PersistOne("d"), TestActor);
        ExpectMsg("persisted d", Wait);
        actor.Tell(new Get(), TestActor);
        ExpectMsg(new State("a,b,d", 4), Wait);
    }

    [Fact]
    public void Recovery_replays_at_most_ReplayMax_events()
    {
        var pid = NewPid();
        StopAndWait(StartWithEvents(pid, "a", "b", "c"));
        var (_, recovered) = Start(pid, new Recovery(SnapshotSelectionCriteria.Latest, ReplayMax: 1));
        Assert.Equal("a", recovered.Events);
    }

    [Fact]
    public void Recovery_None_replays_nothing_but_keeps_the_sequence_numbers()
    {
        var pid = NewPid();
        StopAndWait(StartWithEvents(pid, "a", "b", "c"));
        var (actor, recovered) = Start(pid, Recovery.None);
        Assert.Equal(new Recovered("", 3), recovered);
        actor.Tell(new PersistOne("d"), TestActor);
        ExpectMsg("persisted d", Wait);
        StopAndWait(actor);
        Assert.Equal(new Recovered("a,b,c,d", 4), Start(pid).Recovered);
    }

    [Fact]
    public void A_failing_recover_handler_calls_OnRecoveryFailure_and_stops_the_actor()
    {
        var pid = NewPid();
        StopAndWait(StartWithEvents(pid, "a", "boom", "c"));
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(pid, TestActor, null)));
        Watch(actor);
        ExpectMsg(new RecoveryFailed("cannot apply boom", "boom"), Wait);
        ExpectTerminated(actor, Wait);
    }

    [Fact]
    public void DeleteMessages_removes_events_from_recovery_and_keeps_the_sequence_numbers()
    {
        var pid = NewPid();
        var actor = StartWithEvents(pid, "a", "b", "c");
        actor.Tell(new DeleteUpTo(2), TestActor);
        ExpectMsg(new DeleteMessagesSuccess(2), Wait);
        StopAndWait(actor);
        Assert.Equal(new Recovered("c", 3), Start(pid).Recovered);
    }

    [Fact]
    public void DeleteMessages_beyond_the_last_sequence_number_fails()
    {
        var actor = StartWithEvents(NewPid(), "a");
        actor.Tell(new DeleteUpTo(5), TestActor);
        Assert.Equal(5, ExpectMsg<DeleteMessagesFailure>(Wait).ToSequenceNr);
    }

    [Fact]
    public void DeleteSnapshots_removes_the_matching_snapshots()
    {
        var pid = NewPid();
        var actor = StartWithEvents(pid, "a", "b");
        actor.Tell(new TakeSnapshot(), TestActor);
        ExpectMsg<SaveSnapshotSuccess>(Wait);
        actor.Tell(new DeleteSnapshotsMatching(SnapshotSelectionCriteria.Latest), TestActor);
        ExpectMsg<DeleteSnapshotsSuccess>(Wait);
        StopAndWait(actor);
        // No "offer@2" comes first: recovery replays the events.
        Assert.Equal(new Recovered("a,b", 2), Start(pid).Recovered);
    }

    [Fact]
    public void The_user_stash_hands_messages_back_before_newer_ones()
    {
        var (actor, _) = Start(NewPid());
        actor.Tell(new Hold(1), TestActor);
        actor.Tell(new Hold(2), TestActor);
        actor.Tell(new Release(), TestActor);
        actor.Tell(new Hold(3), TestActor);
        ExpectMsg("released", Wait);
        ExpectMsg("held 1", Wait);
        ExpectMsg("held 2", Wait);
        ExpectMsg("held 3", Wait);
    }

    [Fact]
    public void Persisting_during_recovery_is_refused()
    {
        var pid = NewPid();
        var actor = Sys.ActorOf(Props.Create(() => new PersistsWhileRecovering(pid, TestActor)));
        ExpectMsg<string>(m => m.StartsWith("Cannot Persist during replay", StringComparison.Ordinal), Wait);
        actor.Tell("ping", TestActor);
        ExpectMsg("pong", Wait);
    }

    private sealed class PersistsWhileRecovering : ReceivePersistentActor
    {
        public PersistsWhileRecovering(string pid, IActorRef probe)
        {
            PersistenceId = pid;
            Recover<RecoveryCompleted>(_ => { });
            Recover<SnapshotOffer>(_ => { });
            RecoverAny(_ => { });
            Command<string>(_ => Sender.Tell("pong"));
            // The constructor runs before recovery has finished.
            try { Persist("x", _ => { }); }
            catch (InvalidOperationException e) { probe.Tell(e.Message); }
        }

        public override string PersistenceId { get; }
    }
}

/// <summary>Extra actor specs on plugins that serialize events: rejection keeps the actor, a store failure stops it.</summary>
public abstract class SerializingPersistentActorSpec(string pluginConfig) : PersistentActorSpec(pluginConfig)
{
    private sealed class NotSerializable;

    [Fact]
    public void A_rejected_event_calls_OnPersistRejected_and_the_actor_keeps_working()
    {
        var pid = NewPid();
        var (actor, _) = Start(pid);
        actor.Tell(new PersistObject(new NotSerializable()), TestActor);
        ExpectMsg(new Rejected(1), Wait);
        actor.Tell(new PersistOne("a"), TestActor);
        ExpectMsg("persisted a", Wait);
        StopAndWait(actor);
        Assert.Equal(new Recovered("a", 2), Start(pid).Recovered);
    }

    [Fact]
    public void A_failed_write_calls_OnPersistFailure_and_stops_the_actor_without_storing_the_event()
    {
        var pid = NewPid();
        var actor = StartWithEvents(pid, "a");
        Watch(actor);
        ActorWarehouse.Actors.Persistence.Sql.GroupCommitWriter.InjectedInsertFailures[pid] = 3;
        try
        {
            actor.Tell(new PersistMany(["b", "c"]), TestActor);
            ExpectMsg(new PersistFailed(2), Wait);
            ExpectTerminated(actor, Wait);
        }
        finally
        {
            ActorWarehouse.Actors.Persistence.Sql.GroupCommitWriter.InjectedInsertFailures.TryRemove(pid, out _);
        }
        Assert.Equal(new Recovered("a", 1), Start(pid).Recovered);
    }
}

public sealed class MemoryPersistentActorSpec() : PersistentActorSpec(Tests.Persistence.PluginConfigs.Memory);

public sealed class SqlitePersistentActorSpec : SerializingPersistentActorSpec
{
    private readonly TempDatabaseFile _file;

    public SqlitePersistentActorSpec() : this(new TempDatabaseFile()) { }

    private SqlitePersistentActorSpec(TempDatabaseFile file) : base(PluginConfigs.Sqlite(file.Path)) => _file = file;

    protected override void BeforeShutdown() => _file.DisposeAfter(Sys);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlPersistentActorSpec(PostgresServer server) : SerializingPersistentActorSpec(PluginConfigs.PostgreSql(server.ConnectionString));
