using ActorWarehouse.Actors.Persistence;

namespace ActorWarehouse.Actors.Tests.Persistence;

/// <summary>A store that cannot be reached makes recovery fail (and the actor stop) instead of hanging.</summary>
public sealed class UnreachableStoreSpec() : ActorWarehouse.Actors.TestKit.TestKit(
    PluginConfigs.PostgreSql("Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3") + "\nakka.persistence.snapshot-store.plugin = \"akka.persistence.snapshot-store.inmem\"")
{
    private sealed class Probe : ReceivePersistentActor
    {
        private readonly IActorRef _probe;

        public Probe(IActorRef probe)
        {
            _probe = probe;
            RecoverAny(_ => { });
            CommandAny(_ => { });
        }

        public override string PersistenceId => "unreachable";

        protected override void OnRecoveryFailure(Exception reason, object? message = null) => _probe.Tell(reason);
    }

    [Fact]
    public void Recovery_against_an_unreachable_PostgreSQL_fails_with_the_connection_error_and_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Probe(TestActor)));
        Watch(actor);
        var reason = ExpectMsg<Exception>(TimeSpan.FromSeconds(20));
        Assert.IsAssignableFrom<System.Data.Common.DbException>(reason);
        ExpectTerminated(actor, TimeSpan.FromSeconds(10));
    }
}
