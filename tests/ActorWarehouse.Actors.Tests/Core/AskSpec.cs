namespace ActorWarehouse.Actors.Tests.Core;

public sealed class AskSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new FormatException("nope"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell(s.Length));
            Receive<int>(n => Sender.Tell("wrong type"));
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var r = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal(5, await r.Ask<int>("hello", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_faults_with_AskTimeoutException_when_no_reply_comes()
    {
        var r = Sys.ActorOf(Props.Create<Replier>());
        await Assert.ThrowsAsync<AskTimeoutException>(() => r.Ask<int>("silent", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_Ask_with_its_cause()
    {
        var r = Sys.ActorOf(Props.Create<Replier>());
        var e = await Assert.ThrowsAsync<FormatException>(() => r.Ask<int>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("nope", e.Message);
    }

    [Fact]
    public async Task A_reply_of_another_type_faults_the_Ask_with_ArgumentException()
    {
        var r = Sys.ActorOf(Props.Create<Replier>());
        await Assert.ThrowsAsync<ArgumentException>(() => r.Ask<int>(3, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var r = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => r.Ask<int>("silent", null, cts.Token));
    }

    [Fact]
    public void PipeTo_sends_the_result_as_a_message()
    {
        Task.FromResult(42).PipeTo(TestActor);
        ExpectMsg(42);
    }

    [Fact]
    public void PipeTo_sends_Status_Failure_for_a_faulted_task()
    {
        Task.FromException<int>(new TimeoutException("late")).PipeTo(TestActor);
        var failure = ExpectMsg<Status.Failure>();
        Assert.IsType<TimeoutException>(failure.Cause);
    }

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker()
        {
            Receive<int>(n => Compute(n).PipeTo(Sender, Self, r => $"result {r}"));
        }

        private static async Task<int> Compute(int n)
        {
            await Task.Delay(10);
            return n * 2;
        }
    }

    [Fact]
    public void PipeTo_inside_an_actor_maps_the_result()
    {
        Sys.ActorOf(Props.Create<AsyncWorker>()).Tell(21, TestActor);
        ExpectMsg("result 42");
    }
}
