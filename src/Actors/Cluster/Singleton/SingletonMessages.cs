using ActorWarehouse.Actors.Cluster.Internal;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>INTERNAL API: the hand-over protocol between singleton managers (Akka's names).</summary>
internal static class SingletonMessages
{
    /// <summary>From the new oldest to the previous one: stop the singleton and tell me when it has stopped.</summary>
    public sealed class HandOverToMe : IClusterMessage { public static readonly HandOverToMe Instance = new(); private HandOverToMe() { } }
    /// <summary>The previous oldest is stopping its singleton.</summary>
    public sealed class HandOverInProgress : IClusterMessage { public static readonly HandOverInProgress Instance = new(); private HandOverInProgress() { } }
    /// <summary>The previous oldest's singleton has stopped: the new oldest may start its own.</summary>
    public sealed class HandOverDone : IClusterMessage { public static readonly HandOverDone Instance = new(); private HandOverDone() { } }
    /// <summary>From a leaving oldest to the next: ask me for the hand-over now.</summary>
    public sealed class TakeOverFromMe : IClusterMessage { public static readonly TakeOverFromMe Instance = new(); private TakeOverFromMe() { } }
}
