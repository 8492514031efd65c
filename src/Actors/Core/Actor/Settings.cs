using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors;

/// <summary>The core settings of an actor system, read once from its <see cref="Configuration.Config"/>.</summary>
public sealed class Settings
{
    public Settings(string systemName, Config config)
    {
        SystemName = systemName;
        Config = config;
        LogLevel = LogEvent.ParseLevel(config.GetString("akka.loglevel"));
        StdoutLogLevel = LogEvent.ParseLevel(config.GetString("akka.stdout-loglevel"));
        StdoutLoggerEnabled = config.GetBoolean("akka.stdout-logger-enabled");
        LogDeadLetters = config.GetString("akka.log-dead-letters") switch
        {
            "on" or "true" => int.MaxValue,
            "off" or "false" => 0,
            _ => config.GetInt("akka.log-dead-letters"),
        };
        Provider = config.GetString("akka.actor.provider");
        AskTimeout = config.GetTimeSpan("akka.actor.ask-timeout");
        CreationTimeout = config.GetTimeSpan("akka.actor.creation-timeout");
        SchedulerImplementation = config.GetString("akka.scheduler.implementation");
        CoordinatedShutdownDefaultPhaseTimeout = config.GetTimeSpan("akka.coordinated-shutdown.default-phase-timeout");
        RunCoordinatedShutdownWhenTerminate = config.GetBoolean("akka.coordinated-shutdown.run-by-actor-system-terminate");
    }

    public string SystemName { get; }
    public Config Config { get; }
    public LogLevel LogLevel { get; }
    public LogLevel StdoutLogLevel { get; }
    public bool StdoutLoggerEnabled { get; }
    public int LogDeadLetters { get; }
    /// <summary>"local", "remote" or "cluster".</summary>
    public string Provider { get; }
    public TimeSpan AskTimeout { get; }
    public TimeSpan CreationTimeout { get; }
    public string SchedulerImplementation { get; }
    public TimeSpan CoordinatedShutdownDefaultPhaseTimeout { get; }
    public bool RunCoordinatedShutdownWhenTerminate { get; }
}
