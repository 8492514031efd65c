using System.Collections.Immutable;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.Persistence.Journal;
using PersistenceExtension = ActorWarehouse.Actors.Persistence.Persistence;

namespace ActorWarehouse.Actors.Tests.Persistence;

/// <summary>A journal whose replay never answers (recovery must time out); it announces each replay it swallows.</summary>
public sealed class SilentJournal(Config config) : AsyncWriteJournal(config)
{
    public sealed record ReplayStarted(string PersistenceId);

    protected override Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages) =>
        Task.FromResult<IImmutableList<Exception?>?>(null);

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) => Task.CompletedTask;

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        context.System.EventStream.Publish(new ReplayStarted(persistenceId));
        return new TaskCompletionSource().Task;
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr) => Task.FromResult(10L);
}

/// <summary>Plugin resolution from configuration, per-actor plugin ids, recovery permits and timeouts, restarts.</summary>
public sealed class PersistenceExtensionSpec() : ActorWarehouse.Actors.TestKit.TestKit(PluginConfigs.Memory + """

    akka.persistence.max-concurrent-recoveries = 2
    akka.persistence.journal.silent {
      class = "ActorWarehouse.Actors.Tests.Persistence.SilentJournal, ActorWarehouse.Actors.Tests"
      recovery-event-timeout = 1 s
    }
    akka.persistence.journal.second-inmem {
      class = "ActorWarehouse.Actors.Persistence.Journal.MemoryJournal, ActorWarehouse.Actors"
    }
    akka.persistence.journal.not-a-journal {
      class = "ActorWarehouse.Actors.Persistence.Snapshot.MemorySnapshotStore, ActorWarehouse.Actors"
    }
    """)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class Counter : ReceivePersistentActor
    {
        private readonly string _journal;
        private int _value;

        public Counter(string pid, string journal, IActorRef probe)
        {
            PersistenceId = pid;
            _journal = journal;
            Recover<int>(n => _value += n);
            Recover<RecoveryCompleted>(_ => probe.Tell($"recovered {_value}"));
            Command<int>(n => Persist(n, e => { _value += e; Sender.Tell(_value); }));
            Command<string>(s => s == "fail", _ => throw new InvalidOperationException("command failed"));
            Command<string>(s => s == "get", _ => Sender.Tell(_value));
            Command<string>(s => s == "freeze", _ => Become(() =>
            {
                Command<int>(_ => Sender.Tell("frozen"));
                Command<string>(s => s == "get", _ => Sender.Tell(_value));
            }));
        }

        public override string PersistenceId { get; }

        public override string JournalPluginId => _journal;

        protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
            Context.System.EventStream.Publish(reason);
    }

    private sealed class UntypedCounter(string pid, IActorRef probe) : UntypedPersistentActor
    {
        private int _value;

        public override string PersistenceId { get; } = pid;

        protected override void OnRecover(object message)
        {
            switch (message)
            {
                case int n: _value += n; break;
                case RecoveryCompleted: probe.Tell($"untyped recovered {_value}"); break;
            }
        }

        protected override void OnCommand(object message)
        {
            switch (message)
            {
                case int n: Persist(n, e => { _value += e; Sender.Tell(_value); }); break;
                default: Unhandled(message); break;
            }
        }
    }

    [Fact]
    public void An_UntypedPersistentActor_persists_recovers_and_reports_unhandled_commands()
    {
        var pid = "untyped-" + Guid.NewGuid().ToString("N");
        var unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(UnhandledMessage));
        var first = Sys.ActorOf(Props.Create(() => new UntypedCounter(pid, TestActor)));
        ExpectMsg("untyped recovered 0", Wait);
        first.Tell(4, TestActor);
        ExpectMsg(4, Wait);
        first.Tell("what?", TestActor);
        Assert.Equal("what?", unhandled.ExpectMsg<UnhandledMessage>(Wait).Message);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Wait);
        Sys.ActorOf(Props.Create(() => new UntypedCounter(pid, TestActor)));
        ExpectMsg("untyped recovered 4", Wait);
    }

    private IActorRef StartCounter(string pid, string journal = "") =>
        Sys.ActorOf(Props.Create(() => new Counter(pid, journal, TestActor)));

    [Fact]
    public void The_extension_resolves_plugins_from_configuration_once_per_plugin_id()
    {
        var persistence = PersistenceExtension.Get(Sys);
        Assert.Same(persistence, PersistenceExtension.Get(Sys));
        Assert.Equal("akka.persistence.journal.inmem", persistence.DefaultJournalPluginId);
        Assert.Equal("akka.persistence.snapshot-store.inmem", persistence.DefaultSnapshotPluginId);
        Assert.Equal(persistence.JournalFor(null), persistence.JournalFor("akka.persistence.journal.inmem"));
        Assert.NotEqual(persistence.JournalFor(null), persistence.JournalFor("akka.persistence.journal.second-inmem"));
        Assert.Equal(TimeSpan.FromSeconds(1), persistence.RecoveryEventTimeout("akka.persistence.journal.silent"));
        Assert.Equal(TimeSpan.FromSeconds(30), persistence.RecoveryEventTimeout(null));
    }

    [Fact]
    public void Unknown_or_wrong_plugins_are_reported_clearly()
    {
        var persistence = PersistenceExtension.Get(Sys);
        var missing = Assert.Throws<ConfigurationException>(() => persistence.JournalFor("akka.persistence.journal.nowhere"));
        Assert.Contains("no configuration section", missing.Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<ConfigurationException>(() => persistence.JournalFor("akka.persistence.journal.not-a-journal"));
        Assert.Contains("is not a AsyncWriteJournal", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_persistent_actor_uses_the_journal_named_by_its_JournalPluginId()
    {
        var pid = "per-actor-" + Guid.NewGuid().ToString("N");
        var counter = StartCounter(pid, "akka.persistence.journal.second-inmem");
        ExpectMsg("recovered 0", Wait);
        counter.Tell(5, TestActor);
        ExpectMsg(5, Wait);
        Watch(counter);
        Sys.Stop(counter);
        ExpectTerminated(counter, Wait);
        StartCounter(pid, "akka.persistence.journal.second-inmem");
        ExpectMsg("recovered 5", Wait);
        // The default journal never saw the event.
        StartCounter(pid);
        ExpectMsg("recovered 0", Wait);
    }

    [Fact]
    public void Recovery_that_gets_no_event_within_the_timeout_fails_with_RecoveryTimedOutException_and_stops()
    {
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(RecoveryTimedOutException));
        var counter = StartCounter("silent-" + Guid.NewGuid().ToString("N"), "akka.persistence.journal.silent");
        Watch(counter);
        failures.ExpectMsg<RecoveryTimedOutException>(Wait);
        ExpectTerminated(counter, Wait);
    }

    [Fact]
    public void More_actors_than_recovery_permits_all_recover_and_a_stopped_actor_returns_its_permit()
    {
        // Two permits: two actors stuck in the silent journal hold them until they time out and stop.
        var replays = CreateTestProbe();
        Sys.EventStream.Subscribe(replays.Ref, typeof(SilentJournal.ReplayStarted));
        StartCounter("stuck-1-" + Guid.NewGuid().ToString("N"), "akka.persistence.journal.silent");
        StartCounter("stuck-2-" + Guid.NewGuid().ToString("N"), "akka.persistence.journal.silent");
        replays.ExpectMsg<SilentJournal.ReplayStarted>(Wait);
        replays.ExpectMsg<SilentJournal.ReplayStarted>(Wait);
        for (int i = 0; i < 6; i++) StartCounter($"permit-{i}-{Guid.NewGuid():N}");
        // The stuck actors keep both permits until their recovery times out (two silent 1 s intervals).
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        for (int i = 0; i < 6; i++) ExpectMsg("recovered 0", Wait);
    }

    [Fact]
    public void Become_swaps_the_command_handlers_while_persistence_keeps_working()
    {
        var counter = StartCounter("become-" + Guid.NewGuid().ToString("N"));
        ExpectMsg("recovered 0", Wait);
        counter.Tell(2, TestActor);
        ExpectMsg(2, Wait);
        counter.Tell("freeze", TestActor);
        counter.Tell(5, TestActor);
        ExpectMsg("frozen", Wait);
        counter.Tell("get", TestActor);
        ExpectMsg(2, Wait);
    }

    [Fact]
    public void A_failing_command_restarts_the_actor_which_recovers_its_events_again()
    {
        var counter = StartCounter("restart-" + Guid.NewGuid().ToString("N"));
        ExpectMsg("recovered 0", Wait);
        counter.Tell(3, TestActor);
        ExpectMsg(3, Wait);
        counter.Tell("fail", TestActor);
        counter.Tell("get", TestActor);
        ExpectMsg("recovered 3", Wait);
        ExpectMsg(3, Wait);
    }
}
