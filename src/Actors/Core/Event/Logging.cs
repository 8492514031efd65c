using System.Globalization;

namespace ActorWarehouse.Actors.Event;

public enum LogLevel
{
    DebugLevel = 0,
    InfoLevel = 1,
    WarningLevel = 2,
    ErrorLevel = 3,
    /// <summary>Ours: above every level, so nothing is logged.</summary>
    OffLevel = 4,
}

/// <summary>A log line as published on the event stream.</summary>
public abstract class LogEvent(string logSource, Type logClass, object message, Exception? cause)
{
    public DateTime Timestamp { get; } = DateTime.UtcNow;
    public int ThreadId { get; } = Environment.CurrentManagedThreadId;
    public string LogSource { get; } = logSource;
    public Type LogClass { get; } = logClass;
    public object Message { get; } = message;
    public Exception? Cause { get; } = cause;
    public abstract LogLevel LogLevel();

    public override string ToString()
    {
        var level = LogLevel() switch
        {
            Event.LogLevel.DebugLevel => "DEBUG",
            Event.LogLevel.InfoLevel => "INFO",
            Event.LogLevel.WarningLevel => "WARNING",
            _ => "ERROR",
        };
        var text = $"[{level}][{Timestamp:yyyy-MM-dd HH:mm:ss.fff}][Thread {ThreadId:0000}][{LogSource}] {Message}";
        return Cause is null ? text : text + Environment.NewLine + "Cause: " + Cause;
    }

    public static LogLevel ParseLevel(string text) => text.ToUpperInvariant() switch
    {
        "DEBUG" => Event.LogLevel.DebugLevel,
        "INFO" => Event.LogLevel.InfoLevel,
        "WARNING" or "WARN" => Event.LogLevel.WarningLevel,
        "ERROR" => Event.LogLevel.ErrorLevel,
        "OFF" => Event.LogLevel.OffLevel,
        _ => throw new Configuration.ConfigurationException($"unknown log level '{text}'"),
    };
}

public sealed class Debug(string logSource, Type logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel() => Event.LogLevel.DebugLevel;
}

public sealed class Info(string logSource, Type logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel() => Event.LogLevel.InfoLevel;
}

public sealed class Warning(string logSource, Type logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel() => Event.LogLevel.WarningLevel;
}

public sealed class Error(Exception? cause, string logSource, Type logClass, object message) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel() => Event.LogLevel.ErrorLevel;
}

/// <summary>Writes log events at a level or above to a text writer (standard error by default).</summary>
internal sealed class StandardOutLogger(LogLevel minimum, TextWriter output)
{
    private readonly Lock _lock = new();

    public void Handle(object @event)
    {
        if (@event is not LogEvent e || e.LogLevel() < minimum) return;
        lock (_lock) output.WriteLine(e.ToString());
    }
}

/// <summary>The logging API handed to actors (Akka's <c>ILoggingAdapter</c>): positional <c>{0}</c> formats.</summary>
public interface ILoggingAdapter
{
    bool IsDebugEnabled { get; }
    bool IsInfoEnabled { get; }
    bool IsWarningEnabled { get; }
    bool IsErrorEnabled { get; }
    bool IsEnabled(LogLevel level);
    void Log(LogLevel level, Exception? cause, string format, params object?[] args);
    void Debug(string format, params object?[] args);
    void Info(string format, params object?[] args);
    void Warning(string format, params object?[] args);
    void Warning(Exception cause, string format, params object?[] args);
    void Error(string format, params object?[] args);
    void Error(Exception cause, string format, params object?[] args);
}

/// <summary>Publishes to the event stream; disabled levels cost one comparison.</summary>
public sealed class BusLogging(EventStream stream, string logSource, Type logClass, LogLevel minimum) : ILoggingAdapter
{
    public bool IsDebugEnabled => minimum <= LogLevel.DebugLevel;
    public bool IsInfoEnabled => minimum <= LogLevel.InfoLevel;
    public bool IsWarningEnabled => minimum <= LogLevel.WarningLevel;
    public bool IsErrorEnabled => minimum <= LogLevel.ErrorLevel;
    public bool IsEnabled(LogLevel level) => level >= minimum && level != LogLevel.OffLevel;

    public void Log(LogLevel level, Exception? cause, string format, params object?[] args)
    {
        if (!IsEnabled(level)) return;
        var message = Format(format, args);
        LogEvent e = level switch
        {
            LogLevel.DebugLevel => new Debug(logSource, logClass, message, cause),
            LogLevel.InfoLevel => new Info(logSource, logClass, message, cause),
            LogLevel.WarningLevel => new Warning(logSource, logClass, message, cause),
            _ => new Error(cause, logSource, logClass, message),
        };
        stream.Publish(e);
    }

    public void Debug(string format, params object?[] args) => Log(LogLevel.DebugLevel, null, format, args);
    public void Info(string format, params object?[] args) => Log(LogLevel.InfoLevel, null, format, args);
    public void Warning(string format, params object?[] args) => Log(LogLevel.WarningLevel, null, format, args);
    public void Warning(Exception cause, string format, params object?[] args) => Log(LogLevel.WarningLevel, cause, format, args);
    public void Error(string format, params object?[] args) => Log(LogLevel.ErrorLevel, null, format, args);
    public void Error(Exception cause, string format, params object?[] args) => Log(LogLevel.ErrorLevel, cause, format, args);

    private static string Format(string format, object?[] args)
    {
        if (args.Length == 0) return format;
        try { return string.Format(CultureInfo.InvariantCulture, format, args); }
        catch (FormatException) { return format + " " + string.Join(", ", args); }
    }
}
