using System.Globalization;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.Sharding;

namespace ActorWarehouse.Host.Selftest;

/// <summary>
/// The persistent counter entity of <c>aw selftest sharding</c>: "inc &lt;seq&gt;" persists the increment and answers
/// "ack &lt;id&gt; &lt;seq&gt; &lt;value&gt;" once it is in the journal; "get" answers "value &lt;id&gt; &lt;value&gt;".
/// Plain strings and longs, so no serializer beyond the built-in ones is needed between processes.
/// </summary>
public sealed class SelftestCounter : ReceivePersistentActor
{
    public const string TypeName = "selftest-counter";
    public const string Role = "shard";
    public const string StopMessage = "stop";

    private readonly string _id;
    private long _value;

    public SelftestCounter(string id)
    {
        _id = id;
        Recover<long>(_ => _value++);
        Command<string>(s => s.StartsWith("inc ", StringComparison.Ordinal), s =>
        {
            long seq = long.Parse(s.AsSpan(4), CultureInfo.InvariantCulture);
            var replyTo = Sender;
            Persist(seq, e =>
            {
                _value++;
                replyTo.Tell(string.Create(CultureInfo.InvariantCulture, $"ack {_id} {e} {_value}"));
            });
        });
        // The hand-off stop message: as a command it waits behind persists in flight (a PoisonPill would not).
        Command<string>(s => s == StopMessage, _ => Context.Stop(Self));
        Command<string>(s => s == "get", _ => Sender.Tell(string.Create(CultureInfo.InvariantCulture, $"value {_id} {_value}")));
    }

    public override string PersistenceId => "selftest-counter-" + _id;

    public static Props PropsFor(string id) => Props.Create(() => new SelftestCounter(id));

    /// <summary>Entities are addressed with <see cref="ShardingEnvelope"/>; ten shards per hosting node at most.</summary>
    public static IMessageExtractor Extractor(int shards) => HashCodeMessageExtractor.Create(shards, _ => null);

    /// <summary>The sharding and journal configuration shared by the nodes and the driver.</summary>
    public static string Config(string journal, string? sqliteFile, string? postgres) => journal switch
    {
        "sqlite" => $$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.sqlite"
            akka.persistence.journal.sqlite.database-file = {{Quote(sqliteFile!)}}
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sqlite"
            akka.persistence.snapshot-store.sqlite.database-file = {{Quote(sqliteFile!)}}
            """ + Common,
        "postgres" => $$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.postgresql"
            akka.persistence.journal.postgresql.connection-string = {{Quote(postgres!)}}
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.postgresql"
            akka.persistence.snapshot-store.postgresql.connection-string = {{Quote(postgres!)}}
            """ + Common,
        _ => throw new ArgumentException($"--journal must be sqlite or postgres, got '{journal}'"),
    };

    private const string Common = """

        akka.cluster.split-brain-resolver.stable-after = 5 s
        akka.cluster.sharding {
          role = "shard"
          remember-entities = on
          retry-interval = 500 ms
          rebalance-interval = 2 s
          handoff-timeout = 30 s
        }
        akka.cluster.singleton.hand-over-retry-interval = 500 ms
        akka.remote.retry-gate-closed-for = 1 s
        akka.stdout-loglevel = INFO
        """;

    private static string Quote(string s) => ActorWarehouse.Actors.Management.Hosting.ClusterNodeHocon.Quote(s);
}
