using System.Diagnostics;
using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.TestKit;
using PersistenceExtension = ActorWarehouse.Actors.Persistence.Persistence;

namespace ActorWarehouse.Actors.Tests.Persistence;

/// <summary>
/// SQLite-only properties: several journals (as several node processes would) share one database file, and a
/// writer process killed in the middle of a batch leaves nothing of that batch and a usable file.
/// </summary>
public sealed class SqliteFileSharingSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDatabaseFile _file;

    public SqliteFileSharingSpec() : this(new TempDatabaseFile()) { }

    private SqliteFileSharingSpec(TempDatabaseFile file) : base(PluginConfigs.Sqlite(file.Path)) => _file = file;

    protected override void BeforeShutdown() => _file.DisposeAfter(Sys);

    private static Persistent Event(string pid, long seq, string payload) => new(payload, seq, pid, "", false, null, "w");

    private static void Write(IActorRef journal, TestProbe probe, string pid, int from, int to)
    {
        for (int i = from; i <= to; i++)
            journal.Tell(new WriteMessages([new AtomicWrite(Event(pid, i, $"{pid}:{i}"))], probe.Ref, 1), probe.Ref);
        for (int i = from; i <= to; i++)
        {
            probe.ExpectMsg<WriteMessagesSuccessful>(Wait);
            probe.ExpectMsg<WriteMessageSuccess>(Wait);
        }
    }

    private static (List<string> Events, long Highest) Replay(IActorRef journal, TestProbe probe, string pid)
    {
        journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, pid, probe.Ref), probe.Ref);
        var events = new List<string>();
        while (true)
        {
            switch (probe.ReceiveOne(Wait))
            {
                case ReplayedMessage r: events.Add((string)r.Persistent.Payload); break;
                case RecoverySuccess s: return (events, s.HighestSequenceNr);
                case var other: throw new TestKitAssertionException($"unexpected {other}");
            }
        }
    }

    [Fact]
    public async Task Two_journals_on_one_SQLite_file_write_concurrently_and_see_each_others_events()
    {
        using var other = ActorSystem.Create("second", Sys.Settings.Config);
        var journalA = PersistenceExtension.Get(Sys).JournalFor(null);
        var journalB = PersistenceExtension.Get(other).JournalFor(null);
        var probeA = CreateTestProbe();
        var probeB = new TestProbe(other, "probe-b");
        var writeA = Task.Run(() => Write(journalA, probeA, "shared-a", 1, 200));
        var writeB = Task.Run(() => Write(journalB, probeB, "shared-b", 1, 200));
        await Task.WhenAll(writeA, writeB);
        var (eventsB, highestB) = Replay(journalA, probeA, "shared-b");
        Assert.Equal(200, eventsB.Count);
        Assert.Equal(200, highestB);
        var (eventsA, _) = Replay(journalB, probeB, "shared-a");
        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"shared-a:{i}"), eventsA);
        await other.Terminate().WaitAsync(Wait);
    }

    [Fact]
    public void The_SQLite_file_has_the_upstream_tables_and_stores_serializer_id_manifest_and_tags()
    {
        var journal = PersistenceExtension.Get(Sys).JournalFor(null);
        var probe = CreateTestProbe();
        journal.Tell(new WriteMessages([new AtomicWrite(new Persistent(42L, 1, "layout", "", false, null, "w"))], probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(Wait);
        probe.ExpectMsg<WriteMessageSuccess>(Wait);
        probe.Send(journal, new DeleteMessagesTo("layout", 1, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>(Wait);
        journal.Tell(new WriteMessages([new AtomicWrite(new Persistent(new Tagged("payload", ["red", "blue"]), 2, "layout", "", false, null, "w"))], probe.Ref, 1), probe.Ref);
        probe.ExpectMsg<WriteMessagesSuccessful>(Wait);
        probe.ExpectMsg<WriteMessageSuccess>(Wait);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file.Path}");
        connection.Open();
        string Columns(string table)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT group_concat(name, ',') FROM pragma_table_info('{table}')";
            return (string)command.ExecuteScalar()!;
        }
        Assert.Equal("ordering,persistence_id,sequence_nr,is_deleted,manifest,timestamp,payload,tags,serializer_id", Columns("event_journal"));
        Assert.Equal("persistence_id,sequence_nr", Columns("journal_metadata"));
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sequence_nr, manifest, serializer_id, tags, is_deleted FROM event_journal WHERE persistence_id = 'layout'";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(2, reader.GetInt64(0));
            Assert.Equal("S", reader.GetString(1));
            Assert.Equal(17, reader.GetInt32(2));
            Assert.Equal("blue;red", reader.GetString(3));
            Assert.False(reader.GetBoolean(4));
            Assert.False(reader.Read());
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sequence_nr FROM journal_metadata WHERE persistence_id = 'layout'";
            Assert.Equal(1L, command.ExecuteScalar());
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", command.ExecuteScalar());
        }
    }

    [Fact]
    public async Task A_writer_process_killed_in_the_middle_of_a_batch_leaves_nothing_of_it_and_the_file_stays_usable()
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), $"{python} (Debian's python3 with its sqlite3 module) is needed to play the crashing writer process");
        var journal = PersistenceExtension.Get(Sys).JournalFor(null);
        var probe = CreateTestProbe();
        Write(journal, probe, "victim", 1, 5);

        // The child inserts events 6..5005 of the same id in one transaction, says so, and is killed before COMMIT.
        var script = """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            db.execute("BEGIN IMMEDIATE")
            for i in range(6, 5006):
                db.execute("INSERT INTO event_journal (persistence_id, sequence_nr, is_deleted, manifest, timestamp, payload, tags, serializer_id) VALUES (?, ?, 0, 'S', 0, ?, NULL, 17)", ("victim", i, b"x"))
            print("inserted", flush=True)
            time.sleep(60)
            """;
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(_file.Path);
        using var child = Process.Start(info) ?? throw new InvalidOperationException("cannot start python3");
        try
        {
            var line = await child.StandardOutput.ReadLineAsync().WaitAsync(Wait);
            if (line != "inserted")
            {
                child.Kill();
                Assert.Fail($"the writer process did not get to the middle of its batch: {line} {await child.StandardError.ReadToEndAsync()}");
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync().WaitAsync(Wait);
        }

        var (events, highest) = Replay(journal, probe, "victim");
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"victim:{i}"), events);
        Assert.Equal(5, highest);
        Write(journal, probe, "victim", 6, 8);
        Assert.Equal(8, Replay(journal, probe, "victim").Highest);
    }
}
