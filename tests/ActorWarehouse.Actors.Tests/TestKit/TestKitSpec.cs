using ActorWarehouse.Actors.TestKit;

namespace ActorWarehouse.Actors.Tests.TestKit;

/// <summary>The TestKit's own expectations must fail when they should (a test kit that cannot fail proves nothing).</summary>
public sealed class TestKitSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    [Fact]
    public void ExpectMsg_fails_on_timeout_and_on_a_wrong_message()
    {
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        TestActor.Tell(1);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg("one"));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise");
        // The window is generous because the message goes through the test actor's mailbox on the thread pool,
        // which a loaded CI machine can delay; the wait ends as soon as the message arrives.
        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Within_bounds_inner_expectations_and_fails_when_the_block_is_too_slow()
    {
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(100), () => Thread.Sleep(400)));
        var started = DateTime.UtcNow;
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>(TimeSpan.FromSeconds(10))));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void FishForMessage_skips_until_a_match()
    {
        foreach (var i in new[] { 1, 2, 3, 42 }) TestActor.Tell(i);
        Assert.Equal(42, FishForMessage<int>(i => i > 10));
        Assert.Throws<TestKitAssertionException>(() => FishForMessage<int>(i => i > 100, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void AwaitCondition_and_AwaitAssert_retry_then_give_up()
    {
        int calls = 0;
        AwaitCondition(() => ++calls >= 3);
        Assert.Throws<TestKitAssertionException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(100)));
        Assert.Throws<InvalidOperationException>(() => AwaitAssert(() => throw new InvalidOperationException("never"), TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Probes_have_their_own_queues_and_can_reply()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("question", TestActor);
        probe.ExpectMsg("question");
        probe.Reply("answer");
        ExpectMsg("answer");
        Assert.Equal(probe.Ref, LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void The_test_scheduler_is_only_available_when_configured()
    {
        Assert.Throws<InvalidOperationException>(() => Scheduler);
    }
}
