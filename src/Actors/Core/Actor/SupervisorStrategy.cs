namespace ActorWarehouse.Actors;

/// <summary>What a parent does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; the failing message is dropped.</summary>
    Resume,
    /// <summary>Replace the instance (mailbox kept, failing message dropped).</summary>
    Restart,
    Stop,
    /// <summary>Fail the parent with the same exception.</summary>
    Escalate,
}

/// <summary>Restart bookkeeping of one child, kept by its parent.</summary>
internal sealed class ChildRestartStats
{
    public int RestartCount;
    public long WindowStartTicks;

    /// <summary>Counts a restart; false when the retry budget in the window is exhausted.</summary>
    public bool RequestRestartPermission(int? maxRetries, TimeSpan? window)
    {
        if (maxRetries is null or < 0) return true;
        if (maxRetries == 0) return false;
        long now = Environment.TickCount64;
        if (window is { } w && w > TimeSpan.Zero && w != Timeout.InfiniteTimeSpan)
        {
            if (RestartCount == 0 || now - WindowStartTicks > (long)w.TotalMilliseconds)
            {
                WindowStartTicks = now;
                RestartCount = 1;
                return true;
            }
        }
        RestartCount++;
        return RestartCount <= maxRetries;
    }
}

public abstract class SupervisorStrategy
{
    /// <summary>ActorInitializationException, ActorKilledException, DeathPactException → Stop; anything else → Restart.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    protected SupervisorStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    public int? MaxNumberOfRetries { get; }
    public TimeSpan? WithinTimeRange { get; }
    public Func<Exception, Directive> Decider { get; }
    public bool LoggingEnabled { get; }

    /// <summary>True when the directive is applied to every child, not only the failed one.</summary>
    internal abstract bool AppliesToAllChildren { get; }
}

/// <summary>Applies the decider's directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    public OneForOneStrategy(Func<Exception, Directive> decider) : this(null, null, decider) { }

    internal override bool AppliesToAllChildren => false;
}

/// <summary>Applies the decider's directive to all children of the parent when one fails.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    public AllForOneStrategy(Func<Exception, Directive> decider) : this(null, null, decider) { }

    internal override bool AppliesToAllChildren => true;
}
