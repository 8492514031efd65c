using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors.Management;

/// <summary>
/// The most recent log lines of an actor system's event stream (a fixed-size ring), as <c>log peek</c> shows them.
/// Only events at or above <c>akka.loglevel</c> are ever published, so that level bounds what is kept.
/// </summary>
public sealed class LogBuffer
{
    private readonly string[] _lines;
    private readonly Lock _lock = new();
    private long _written;

    public LogBuffer(EventStream stream, int capacity)
    {
        _lines = new string[capacity];
        stream.Subscribe(typeof(LogEvent), e => Add(e.ToString() ?? ""));
    }

    public int Capacity => _lines.Length;

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines[_written % _lines.Length] = line;
            _written++;
        }
    }

    /// <summary>Up to <paramref name="count"/> most recent lines, oldest first.</summary>
    public IReadOnlyList<string> Recent(int count)
    {
        lock (_lock)
        {
            long available = Math.Min(_written, _lines.Length);
            long take = Math.Min(available, Math.Max(0, count));
            var result = new string[take];
            for (long i = 0; i < take; i++) result[i] = _lines[(_written - take + i) % _lines.Length];
            return result;
        }
    }
}
