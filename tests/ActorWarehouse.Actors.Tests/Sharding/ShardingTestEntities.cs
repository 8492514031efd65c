using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.Sharding;

namespace ActorWarehouse.Actors.Tests.Sharding;

/// <summary>Cluster + sharding configuration for in-process specs (real remoting on 127.0.0.1, fast intervals).</summary>
internal static class ShardingTestConfig
{
    public const string Secret = "sharding-spec-secret";

    public static string Node(string journalFile, string extra = "") => $$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.port = 0
        akka.remote.secret = "{{Secret}}"
        akka.remote.retry-gate-closed-for = 500 ms
        akka.cluster.split-brain-resolver.stable-after = 2 s
        akka.cluster.sharding {
          retry-interval = 200 ms
          rebalance-interval = 500 ms
          handoff-timeout = 10 s
        }
        akka.cluster.singleton.hand-over-retry-interval = 200 ms
        akka.cluster.singleton-proxy.singleton-identification-interval = 200 ms
        akka.persistence.journal.plugin = "akka.persistence.journal.sqlite"
        akka.persistence.journal.sqlite.database-file = "{{journalFile}}"
        akka.persistence.journal.sqlite.synchronous = "normal"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sqlite"
        akka.persistence.snapshot-store.sqlite.database-file = "{{journalFile}}"
        {{extra}}
        """;

    /// <summary>Entities addressed through <see cref="ShardingEnvelope"/> only.</summary>
    public static HashCodeMessageExtractor Extractor(int shards = 10) => HashCodeMessageExtractor.Create(shards, _ => null);
}

/// <summary>Replies "&lt;id&gt;:&lt;message&gt;"; "passivate" asks its shard to stop it; every message is also reported to a probe.</summary>
internal sealed class EchoEntity : ReceiveActor
{
    public EchoEntity(string id, IActorRef? observer)
    {
        observer?.Tell($"started {id}");
        Receive<string>(s => s == "passivate", _ =>
        {
            Context.Parent.Tell(new Passivate("stop-now"));
            observer?.Tell($"passivating {id}");
        });
        Receive<string>(s => s == "stop-now", _ => { observer?.Tell($"stopping {id}"); Context.Stop(Self); });
        Receive<string>(s =>
        {
            observer?.Tell($"{id} got {s}");
            Sender.Tell($"{id}:{s}");
        });
    }
}

/// <summary>A persistent counter: a long adds and answers the new value; "get" answers the value.</summary>
internal sealed class CounterEntity : ReceivePersistentActor
{
    private readonly string _id;
    private long _value;

    public CounterEntity(string id)
    {
        _id = id;
        Recover<long>(n => _value += n);
        Command<long>(n => Persist(n, e =>
        {
            _value += e;
            Sender.Tell(_value);
        }));
        Command<string>(s => s == "get", _ => Sender.Tell(_value));
    }

    public override string PersistenceId => "counter-" + _id;
}
