using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.TestKit;

/// <summary>
/// Base class for actor specs (usable from xunit: one ActorSystem per test instance, terminated on Dispose).
/// Log events go to <see cref="EventFilter"/>; unexpected warnings and errors are written to standard error.
/// </summary>
public class TestKit : TestKitBase, IDisposable
{
    /// <summary>Test defaults: quiet stdout logger (the TestKit listener replaces it), short phase timeouts.</summary>
    public static readonly Config DefaultConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = INFO
          stdout-logger-enabled = off
          log-dead-letters = off
          coordinated-shutdown.default-phase-timeout = 3 s
          test {
            single-expect-default = 3 s
          }
        }
        """);

    private static long _systemCounter;
    private bool _disposed;

    public TestKit(string? config = null, string? systemName = null)
        : this(config is null ? Config.Empty : ConfigurationFactory.ParseString(config), systemName) { }

    public TestKit(Config config, string? systemName = null)
        : base(ActorSystem.Create(systemName ?? $"test-{Interlocked.Increment(ref _systemCounter)}", config.WithFallback(DefaultConfig)))
    {
        SingleExpectDefault = Sys.Settings.Config.GetTimeSpan("akka.test.single-expect-default", TimeSpan.FromSeconds(3));
        EventFilter = new EventFilterFactory(Sys);
        StartTestActor("testActor");
    }

    /// <summary>Builds log-event expectations: <c>EventFilter.Exception&lt;T&gt;().ExpectOne(() =&gt; ...)</c>.</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>The virtual-time scheduler, when the config selected <c>akka.scheduler.implementation = test</c>.</summary>
    public TestScheduler Scheduler => Sys.Scheduler as TestScheduler
        ?? throw new InvalidOperationException("this system does not use the TestScheduler (akka.scheduler.implementation = test)");

    /// <summary>Terminates the system and waits (bounded) for it.</summary>
    public void Shutdown(TimeSpan? timeout = null)
    {
        var done = Sys.Terminate();
        if (!done.Wait(timeout ?? TimeSpan.FromSeconds(10)))
            Console.Error.WriteLine($"actor system {Sys.Name} did not terminate in time");
    }

    /// <summary>Runs before the system terminates at the end of a test (stop extra systems here).</summary>
    protected virtual void BeforeShutdown() { }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { BeforeShutdown(); }
        finally { Shutdown(); }
        EventFilter.Dispose();
        GC.SuppressFinalize(this);
    }
}
