using System.Globalization;
using System.Text;

namespace ActorWarehouse.Actors.Configuration;

/// <summary>Raised for malformed configuration text or a missing/invalid setting.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

/// <summary>
/// An immutable, resolved HOCON tree with typed getters (Akka's <c>Config</c>). Read it once into a typed
/// settings object; never look keys up on a hot path.
/// </summary>
public sealed class Config
{
    private readonly HoconObject _root;

    internal Config(HoconObject root) => _root = root;

    public static Config Empty { get; } = new(new HoconObject());

    public bool IsEmpty => _root.Order.Count == 0;

    /// <summary>The keys directly under this object, in the order they were written.</summary>
    public IReadOnlyList<string> Keys => _root.Order;

    /// <summary>A config whose keys override this one's; objects merge key by key.</summary>
    public Config WithFallback(Config fallback)
    {
        var merged = (HoconObject)fallback._root.DeepCopy();
        foreach (var k in _root.Order) merged.Merge(k, _root.Fields[k].DeepCopy());
        return new Config(merged);
    }

    public bool HasPath(string path) => Find(path) is { } v && !(v is HoconScalar { IsNull: true });

    public Config GetConfig(string path) => Find(path) is HoconObject o ? new Config(o) : Empty;

    public string GetString(string path, string? @default = null) =>
        Find(path) switch
        {
            HoconScalar { IsNull: false } s => s.Text,
            null or HoconScalar { IsNull: true } => @default ?? throw Missing(path),
            _ => throw new ConfigurationException($"setting '{path}' is not a string"),
        };

    public bool GetBoolean(string path, bool? @default = null)
    {
        if (!HasPath(path)) return @default ?? throw Missing(path);
        return GetString(path).ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            var s => throw new ConfigurationException($"setting '{path}' = '{s}' is not a boolean"),
        };
    }

    public int GetInt(string path, int? @default = null) => checked((int)GetLong(path, @default));

    public long GetLong(string path, long? @default = null)
    {
        if (!HasPath(path)) return @default ?? throw Missing(path);
        var s = GetString(path);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw new ConfigurationException($"setting '{path}' = '{s}' is not an integer");
    }

    public double GetDouble(string path, double? @default = null)
    {
        if (!HasPath(path)) return @default ?? throw Missing(path);
        var s = GetString(path);
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new ConfigurationException($"setting '{path}' = '{s}' is not a number");
    }

    /// <summary>Durations such as <c>10 s</c>, <c>300ms</c>, <c>2 minutes</c>; <c>infinite</c> when allowed.</summary>
    public TimeSpan GetTimeSpan(string path, TimeSpan? @default = null, bool allowInfinite = true)
    {
        if (!HasPath(path)) return @default ?? throw Missing(path);
        var s = GetString(path).Trim();
        if (s is "infinite" or "inf")
            return allowInfinite ? Timeout.InfiniteTimeSpan : throw new ConfigurationException($"setting '{path}' may not be infinite");
        int i = 0;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.' || s[i] == '-')) i++;
        if (i == 0 || !double.TryParse(s[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            throw new ConfigurationException($"setting '{path}' = '{s}' is not a duration");
        var unit = s[i..].Trim();
        double ms = unit switch
        {
            "" or "ms" or "millis" or "millisecond" or "milliseconds" => n,
            "us" or "micros" or "microsecond" or "microseconds" => n / 1000.0,
            "ns" or "nanos" or "nanosecond" or "nanoseconds" => n / 1_000_000.0,
            "s" or "second" or "seconds" => n * 1000,
            "m" or "minute" or "minutes" => n * 60_000,
            "h" or "hour" or "hours" => n * 3_600_000,
            "d" or "day" or "days" => n * 86_400_000,
            _ => throw new ConfigurationException($"setting '{path}' has unknown duration unit '{unit}'"),
        };
        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>Sizes such as <c>128000b</c>, <c>64 KiB</c>, <c>1 MiB</c>, <c>2m</c>.</summary>
    public long GetByteSize(string path, long? @default = null)
    {
        if (!HasPath(path)) return @default ?? throw Missing(path);
        var s = GetString(path).Trim();
        int i = 0;
        while (i < s.Length && char.IsDigit(s[i])) i++;
        if (i == 0) throw new ConfigurationException($"setting '{path}' = '{s}' is not a size");
        long n = long.Parse(s[..i], CultureInfo.InvariantCulture);
        long factor = s[i..].Trim() switch
        {
            "" or "b" or "B" or "byte" or "bytes" => 1,
            "k" or "K" or "kB" or "KiB" or "kilobytes" or "kibibytes" => 1024,
            "m" or "M" or "MB" or "MiB" or "megabytes" or "mebibytes" => 1024 * 1024,
            "g" or "G" or "GB" or "GiB" or "gigabytes" or "gibibytes" => 1024L * 1024 * 1024,
            var u => throw new ConfigurationException($"setting '{path}' has unknown size unit '{u}'"),
        };
        return checked(n * factor);
    }

    public IReadOnlyList<string> GetStringList(string path)
    {
        return Find(path) switch
        {
            null or HoconScalar { IsNull: true } => [],
            HoconArray a => a.Items.Select(i => i is HoconScalar s ? s.Text
                : throw new ConfigurationException($"setting '{path}' must be a list of strings")).ToList(),
            _ => throw new ConfigurationException($"setting '{path}' is not a list"),
        };
    }

    private static ConfigurationException Missing(string path) => new($"missing setting '{path}'");

    private HoconValue? Find(string path)
    {
        HoconValue current = _root;
        foreach (var part in SplitPath(path))
        {
            if (current is not HoconObject o || !o.Fields.TryGetValue(part, out var next)) return null;
            current = next;
        }
        return current;
    }

    internal static List<string> SplitPath(string path)
    {
        var parts = new List<string>();
        var sb = new StringBuilder();
        bool inQuotes = false;
        foreach (var c in path)
        {
            if (c == '"') { inQuotes = !inQuotes; continue; }
            if (c == '.' && !inQuotes) { parts.Add(sb.ToString()); sb.Clear(); continue; }
            sb.Append(c);
        }
        parts.Add(sb.ToString());
        return parts;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Render(_root, sb, 0);
        return sb.ToString();
    }

    private static void Render(HoconValue v, StringBuilder sb, int indent)
    {
        switch (v)
        {
            case HoconObject o:
                sb.Append("{\n");
                foreach (var k in o.Order)
                {
                    sb.Append(' ', indent + 2).Append('"').Append(k).Append("\" : ");
                    Render(o.Fields[k], sb, indent + 2);
                    sb.Append('\n');
                }
                sb.Append(' ', indent).Append('}');
                break;
            case HoconArray a:
                sb.Append('[');
                for (int i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Render(a.Items[i], sb, indent);
                }
                sb.Append(']');
                break;
            case HoconScalar s:
                sb.Append(s.IsNull ? "null" : $"\"{s.Text.Replace("\"", "\\\"")}\"");
                break;
        }
    }
}
