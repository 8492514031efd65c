namespace ActorWarehouse.Actors.Persistence;

/// <summary>The breaker is open: calls fail fast until <c>reset-timeout</c> has passed.</summary>
public sealed class OpenCircuitException(string message) : Exception(message);

/// <summary>
/// Guards calls into a store (Akka's CircuitBreaker): each call must finish within <c>call-timeout</c>; after
/// <c>max-failures</c> consecutive failures the breaker opens and calls fail at once; after <c>reset-timeout</c>
/// one trial call may pass (half-open), and its success closes the breaker again.
/// </summary>
public sealed class CircuitBreaker(int maxFailures, TimeSpan callTimeout, TimeSpan resetTimeout)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTime _openedAt;
    private bool _open;
    private bool _trialRunning;

    public int MaxFailures { get; } = maxFailures;
    public TimeSpan CallTimeout { get; } = callTimeout;
    public TimeSpan ResetTimeout { get; } = resetTimeout;

    public bool IsOpen { get { lock (_lock) return _open; } }

    public async Task<T> WithCircuitBreaker<T>(Func<Task<T>> body)
    {
        bool trial = Enter();
        try
        {
            var task = body();
            var result = CallTimeout == Timeout.InfiniteTimeSpan ? await task.ConfigureAwait(false)
                : await task.WaitAsync(CallTimeout).ConfigureAwait(false);
            Succeeded();
            return result;
        }
        catch (TimeoutException e)
        {
            Failed(trial);
            throw new TimeoutException($"store call timed out after {CallTimeout}", e);
        }
        catch
        {
            Failed(trial);
            throw;
        }
    }

    public Task WithCircuitBreaker(Func<Task> body) =>
        WithCircuitBreaker<bool>(async () => { await body().ConfigureAwait(false); return true; });

    private bool Enter()
    {
        lock (_lock)
        {
            if (!_open) return false;
            if (_trialRunning || DateTime.UtcNow - _openedAt < ResetTimeout)
                throw new OpenCircuitException($"circuit breaker is open after {_failures} failures; retry after {ResetTimeout}");
            _trialRunning = true;
            return true;
        }
    }

    private void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            _open = false;
            _trialRunning = false;
        }
    }

    private void Failed(bool trial)
    {
        lock (_lock)
        {
            _failures++;
            if (trial || _failures >= MaxFailures)
            {
                _open = true;
                _openedAt = DateTime.UtcNow;
            }
            _trialRunning = false;
        }
    }
}
