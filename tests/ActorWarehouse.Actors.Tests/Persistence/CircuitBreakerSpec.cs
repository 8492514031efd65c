using ActorWarehouse.Actors.Persistence;

namespace ActorWarehouse.Actors.Tests.Persistence;

public sealed class CircuitBreakerSpec
{
    private static Task<int> Fail() => Task.FromException<int>(new IOException("store down"));

    [Fact]
    public async Task The_breaker_opens_after_max_failures_and_then_fails_fast_without_calling()
    {
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<IOException>(() => breaker.WithCircuitBreaker(Fail));
        Assert.False(breaker.IsOpen);
        await Assert.ThrowsAsync<IOException>(() => breaker.WithCircuitBreaker(Fail));
        Assert.True(breaker.IsOpen);
        int calls = 0;
        await Assert.ThrowsAsync<OpenCircuitException>(() => breaker.WithCircuitBreaker(() => { calls++; return Task.FromResult(1); }));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task After_the_reset_timeout_one_successful_trial_closes_the_breaker()
    {
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAsync<IOException>(() => breaker.WithCircuitBreaker(Fail));
        Assert.True(breaker.IsOpen);
        await Task.Delay(120);
        Assert.Equal(7, await breaker.WithCircuitBreaker(() => Task.FromResult(7)));
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_breaker_again()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        for (int i = 0; i < 3; i++) await Assert.ThrowsAsync<IOException>(() => breaker.WithCircuitBreaker(Fail));
        await Task.Delay(120);
        await Assert.ThrowsAsync<IOException>(() => breaker.WithCircuitBreaker(Fail));
        await Assert.ThrowsAsync<OpenCircuitException>(() => breaker.WithCircuitBreaker(() => Task.FromResult(1)));
    }

    [Fact]
    public async Task A_call_slower_than_the_call_timeout_fails_with_TimeoutException()
    {
        var breaker = new CircuitBreaker(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        var never = new TaskCompletionSource<int>();
        await Assert.ThrowsAsync<TimeoutException>(() => breaker.WithCircuitBreaker(() => never.Task));
    }
}
