namespace ActorWarehouse.Actors.TestKit;

/// <summary>
/// Network faults between actor systems for specs (after Akka's TestConductor <c>Blackhole</c>/<c>PassThrough</c>):
/// a blackholed peer's frames are dropped in both directions by this system, while the TCP connections stay up —
/// a silent partition, which only failure detection can notice.
/// </summary>
public static class FailureInjector
{
    public static void Blackhole(ActorSystem system, Address peer) => RemoteOf(system).SetBlackhole(peer, on: true);

    public static void PassThrough(ActorSystem system, Address peer) => RemoteOf(system).SetBlackhole(peer, on: false);

    private static Remote.RemoteActorRefProvider RemoteOf(ActorSystem system) =>
        system.Remote ?? throw new InvalidOperationException("fault injection needs akka.actor.provider = remote");
}
