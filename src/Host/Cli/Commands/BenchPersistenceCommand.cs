using System.Diagnostics;
using System.Globalization;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Persistence;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// <c>aw bench persistence</c>: journal write and replay rates through real persistent actors.
/// <list type="bullet">
/// <item><c>persist-async</c>: A actors each <c>PersistAsync</c> E/A small events at once; the journal batches
/// what queues up (group commit). Counts events whose handler ran, i.e. committed.</item>
/// <item><c>persist</c>: the same actors, each persisting its next event only after the previous one's handler
/// ran (one in flight per actor, the stashing <c>Persist</c> path).</item>
/// <item><c>replay</c>: the actors restart and recover every event written above.</item>
/// </list>
/// Options: <c>--journal sqlite|postgres|memory</c> (default sqlite), <c>--actors A</c> (100), <c>--events E</c>
/// (100000), <c>--data DIR</c> (SQLite file folder, default a temporary one, deleted afterwards),
/// <c>--pg "connection string"</c> (required for postgres; tables are created in it when missing),
/// <c>--sqlite-synchronous full|normal</c> (default full, the plugin's default).
/// </summary>
public sealed class BenchPersistenceCommand : ICliCommand
{
    public string Name => "bench persistence";
    public string Summary => "measure journal writes/s and replay rate (SQLite, PostgreSQL or memory)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string journal = "sqlite";
        int actors = 100, events = 100_000;
        string? data = null, pg = null;
        string synchronous = "full";
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--journal": journal = Next(); break;
                case "--actors": actors = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--events": events = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--data": data = Next(); break;
                case "--pg": pg = Next(); break;
                case "--sqlite-synchronous": synchronous = Next(); break;
                default:
                    Console.Error.WriteLine($"aw bench persistence: unknown option '{args[i]}' (--journal sqlite|postgres|memory, --actors A, --events E, --data DIR, --pg CS, --sqlite-synchronous full|normal)");
                    return 1;
            }
        }
        if (actors < 1 || events < actors)
        {
            Console.Error.WriteLine("aw bench persistence: need --actors >= 1 and --events >= --actors");
            return 1;
        }
        string? tempFolder = null;
        string plugin;
        switch (journal)
        {
            case "sqlite":
                if (data is null) data = tempFolder = Directory.CreateTempSubdirectory("aw-bench-persistence-").FullName;
                plugin = $$"""
                    akka.persistence.journal.plugin = "akka.persistence.journal.sqlite"
                    akka.persistence.journal.sqlite.database-file = "{{Path.Combine(Path.GetFullPath(data), "persistence.db")}}"
                    akka.persistence.journal.sqlite.synchronous = {{synchronous}}
                    """;
                break;
            case "postgres":
                if (pg is null)
                {
                    Console.Error.WriteLine("aw bench persistence: --journal postgres needs --pg \"Host=...;Port=...;Username=...;Database=...\"");
                    return 1;
                }
                plugin = $$"""
                    akka.persistence.journal.plugin = "akka.persistence.journal.postgresql"
                    akka.persistence.journal.postgresql.connection-string = "{{pg}}"
                    """;
                break;
            case "memory":
                plugin = "akka.persistence.journal.plugin = \"akka.persistence.journal.inmem\"";
                break;
            default:
                Console.Error.WriteLine($"aw bench persistence: unknown journal '{journal}' (sqlite, postgres, memory)");
                return 1;
        }
        var config = ConfigurationFactory.ParseString(plugin + "\nakka.loglevel = WARNING\nakka.persistence.snapshot-store.plugin = \"akka.persistence.snapshot-store.inmem\"");
        try
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            int perActor = events / actors;
            int total = perActor * actors;
            Console.WriteLine($"# journal {journal}{(journal == "sqlite" ? $" (synchronous = {synchronous})" : "")}, {actors} actors, {total:N0} events of 4 bytes (int), {Environment.ProcessorCount} cores");
            using (var system = ActorSystem.Create("bench", config))
            {
                var asyncTime = await RunAsync(system, $"{run}-async", actors, perActor, Mode.PersistAsync, cancellationToken);
                Report("persist-async", total, asyncTime, "events/s");
                var persistTime = await RunAsync(system, $"{run}-sync", actors, Math.Max(1, perActor / 10), Mode.Persist, cancellationToken);
                Report("persist", actors * Math.Max(1, perActor / 10), persistTime, "events/s");
            }
            if (journal != "memory")
            {
                // A new system: nothing cached, every event comes from the store.
                using var system = ActorSystem.Create("bench", config);
                var replayTime = await RunAsync(system, $"{run}-async", actors, perActor, Mode.Replay, cancellationToken);
                Report("replay", total, replayTime, "events/s");
            }
            return 0;
        }
        finally
        {
            if (tempFolder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(tempFolder, recursive: true);
            }
        }
    }

    private static void Report(string what, int count, TimeSpan time, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {count:N0} in {time.TotalSeconds:0.00} s = {count / time.TotalSeconds:N0} {unit}"));

    private enum Mode { PersistAsync, Persist, Replay }

    private static async Task<TimeSpan> RunAsync(ActorSystem system, string run, int actors, int perActor, Mode mode, CancellationToken ct)
    {
        var done = new CountdownEvent(actors);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refs = new List<IActorRef>(actors);
        var clock = Stopwatch.StartNew();
        for (int a = 0; a < actors; a++)
        {
            string pid = $"bench-{run}-{a}";
            refs.Add(system.ActorOf(Props.CreateBy(() => new Writer(pid, perActor, mode, () =>
            {
                if (done.Signal()) finished.TrySetResult();
            }))));
        }
        if (mode != Mode.Replay)
            foreach (var r in refs) r.Tell(Writer.Go.Instance, ActorRefs.NoSender);
        using var registration = ct.Register(() => finished.TrySetCanceled(ct));
        if (await Task.WhenAny(finished.Task, Task.Delay(TimeSpan.FromMinutes(5), ct)) != finished.Task)
            throw new TimeoutException($"bench persistence: {mode} did not finish within 5 minutes ({done.CurrentCount} actors left)");
        await finished.Task;
        var elapsed = clock.Elapsed;
        foreach (var r in refs) system.Stop(r);
        return elapsed;
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public sealed class Go
        {
            public static readonly Go Instance = new();
        }

        private readonly int _count;
        private readonly Action _finished;
        private int _handled;

        public Writer(string persistenceId, int count, Mode mode, Action finished)
        {
            PersistenceId = persistenceId;
            _count = count;
            _finished = finished;
            Recover<int>(_ => _handled++);
            Recover<RecoveryCompleted>(_ =>
            {
                if (mode == Mode.Replay)
                {
                    if (_handled != count) throw new InvalidOperationException($"{persistenceId} replayed {_handled} of {count} events");
                    finished();
                }
            });
            Command<Go>(_ =>
            {
                if (mode == Mode.PersistAsync)
                    for (int i = 0; i < count; i++) PersistAsync(i, _ => Handled());
                else
                    Persist(0, PersistNext);
            });
        }

        public override string PersistenceId { get; }

        private void PersistNext(int value)
        {
            Handled();
            if (value + 1 < _count) Persist(value + 1, PersistNext);
        }

        private void Handled()
        {
            if (++_handled == _count) _finished();
        }
    }
}
