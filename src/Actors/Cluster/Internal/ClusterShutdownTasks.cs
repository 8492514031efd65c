namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// INTERNAL API: the cluster's CoordinatedShutdown tasks. cluster-leave: Leave(self) and wait until this node
/// is Exiting (or Down/removed); cluster-exiting-done: tell the others the exit is complete and wait until the
/// leader has removed us; cluster-shutdown: stop the daemon. Every wait is bounded by its phase's timeout.
/// </summary>
internal static class ClusterShutdownTasks
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static void Register(Cluster cluster, ActorSystem system)
    {
        var cs = CoordinatedShutdown.Get(system);
        var config = system.Settings.Config;
        TimeSpan PhaseTimeout(string phase) =>
            config.GetTimeSpan($"akka.coordinated-shutdown.phases.{phase}.timeout", system.Settings.CoordinatedShutdownDefaultPhaseTimeout);

        cs.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", async () =>
        {
            if (cluster.IsTerminated || !IsMember(cluster.SelfMember)) return Done.Instance;
            if (cluster.SelfMember.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)
                cluster.Leave(cluster.SelfAddress);
            await WaitUntil(() => cluster.IsTerminated || cluster.SelfMember.Status is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed,
                PhaseTimeout(CoordinatedShutdown.PhaseClusterLeave));
            return Done.Instance;
        });
        cs.AddTask(CoordinatedShutdown.PhaseClusterExitingDone, "exiting-completed", async () =>
        {
            if (cluster.IsTerminated || cluster.SelfMember.Status != MemberStatus.Exiting) return Done.Instance;
            cluster.Daemon.Tell(ClusterDaemon.ExitingCompleted.Instance);
            await WaitUntil(() => cluster.IsTerminated || cluster.SelfMember.Status is MemberStatus.Removed or MemberStatus.Down,
                PhaseTimeout(CoordinatedShutdown.PhaseClusterExitingDone));
            return Done.Instance;
        });
        cs.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "wait-shutdown", async () =>
        {
            cluster.Daemon.Tell(InternalClusterAction.Shutdown.Instance);
            await WaitUntil(() => cluster.IsTerminated, PhaseTimeout(CoordinatedShutdown.PhaseClusterShutdown));
            return Done.Instance;
        });
    }

    private static bool IsMember(Member m) => m.Status != MemberStatus.Removed;

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(Poll);
    }
}
