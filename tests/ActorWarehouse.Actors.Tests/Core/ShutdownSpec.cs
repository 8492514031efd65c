namespace ActorWarehouse.Actors.Tests.Core;

public sealed class ShutdownSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    [Fact]
    public void Phases_run_in_dependency_order()
    {
        var phases = CoordinatedShutdown.Get(Sys).OrderedPhases;
        Assert.Equal(CoordinatedShutdown.PhaseBeforeServiceUnbind, phases[0]);
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, phases[^1]);
        Assert.True(phases.ToList().IndexOf(CoordinatedShutdown.PhaseServiceStop) < phases.ToList().IndexOf(CoordinatedShutdown.PhaseClusterLeave));
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(IActorRef reporter)
        {
            ReceiveAny(_ => { });
            _reporter = reporter;
        }

        private readonly IActorRef _reporter;
        protected override void PostStop() => _reporter.Tell("user actor stopped");
    }

    [Fact]
    public async Task Terminate_runs_the_tasks_of_each_phase_then_stops_user_actors()
    {
        var cs = CoordinatedShutdown.Get(Sys);
        var order = new List<string>();
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "second", () => { lock (order) order.Add("service-stop"); return Task.FromResult(Done.Instance); });
        cs.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "first", () => { lock (order) order.Add("before-service-unbind"); return Task.FromResult(Done.Instance); });
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Recorder(probe.Ref)));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["before-service-unbind", "service-stop"], order);
        Assert.IsType<CoordinatedShutdown.ActorSystemTerminateReason>(cs.ShutdownReason);
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_failing_task_does_not_stop_the_shutdown()
    {
        var cs = CoordinatedShutdown.Get(Sys);
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "boom", () => throw new InvalidOperationException("task failed"));
        await cs.Run(CoordinatedShutdown.UnknownReason.Instance).WaitAsync(TimeSpan.FromSeconds(10));
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Adding_a_task_to_an_unknown_phase_is_refused()
    {
        Assert.Throws<ActorWarehouse.Actors.Configuration.ConfigurationException>(() =>
            CoordinatedShutdown.Get(Sys).AddTask("no-such-phase", "x", () => Task.FromResult(Done.Instance)));
    }
}
