using System.Globalization;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// Time zone names for AT TIME ZONE, timezone() and convert_timezone(): IANA names from the system database,
/// UTC/GMT/Z, common abbreviations (EST, PDT, …) and numeric offsets ('+05:30', '-8'). As in PostgreSQL, a
/// POSIX-style 'UTC+3' means three hours west of Greenwich.
/// </summary>
public static class TimeZones
{
    private static readonly Dictionary<string, int> AbbreviationHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["UCT"] = 0, ["ZULU"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10, ["CET"] = 1, ["CEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["WET"] = 0, ["WEST"] = 1,
        ["BST"] = 1, ["IST"] = 5, ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11,
    };

    /// <summary>A zone: either a fixed offset or a rule-based system zone.</summary>
    public sealed class Zone
    {
        private readonly TimeZoneInfo? _info;
        private readonly long _fixedOffsetMicros;

        internal Zone(TimeZoneInfo? info, long fixedOffsetMicros)
        {
            _info = info;
            _fixedOffsetMicros = fixedOffsetMicros;
        }

        /// <summary>Offset from UTC at a UTC instant.</summary>
        public long OffsetAtUtc(long utcMicros)
        {
            if (_info is null) return _fixedOffsetMicros;
            var utc = DateTime.UnixEpoch.AddTicks(Math.Clamp(utcMicros, -62135596800000000L + 1, 253402300799000000L) * 10);
            return _info.GetUtcOffset(utc).Ticks / 10;
        }

        /// <summary>Offset for a wall-clock time in this zone (the standard-time reading for ambiguous or skipped times).</summary>
        public long OffsetAtLocal(long localMicros)
        {
            if (_info is null) return _fixedOffsetMicros;
            var local = DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(Math.Clamp(localMicros, -62135596800000000L + 1, 253402300799000000L) * 10), DateTimeKind.Unspecified);
            if (_info.IsInvalidTime(local)) return _info.BaseUtcOffset.Ticks / 10;
            return _info.GetUtcOffset(local).Ticks / 10;
        }

        public long ToLocal(long utcMicros) => utcMicros + OffsetAtUtc(utcMicros);

        public long ToUtc(long localMicros) => localMicros - OffsetAtLocal(localMicros);
    }

    private static readonly Dictionary<string, Zone> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a zone by name; an unknown name raises 22023 'time zone "x" not recognized'.</summary>
    public static Zone Find(string name)
    {
        lock (Cache)
            if (Cache.TryGetValue(name, out var cached)) return cached;
        var zone = Lookup(name.Trim()) ?? throw new SqlException(SqlState.InvalidParameterValue, $"time zone \"{name}\" not recognized");
        lock (Cache) Cache[name] = zone;
        return zone;
    }

    private static Zone? Lookup(string name)
    {
        if (AbbreviationHours.TryGetValue(name, out int hours)) return new Zone(null, hours * Interval.MicrosPerHour);
        // POSIX 'UTC+3' / 'GMT-5': the sign is inverted (positive is west).
        foreach (var prefix in new[] { "UTC", "GMT" })
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && TryOffset(name[prefix.Length..], out long posix))
                return new Zone(null, -posix);
        if (TryOffset(name, out long offset)) return new Zone(null, offset);
        try
        {
            return new Zone(TimeZoneInfo.FindSystemTimeZoneById(name), 0);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>'+05:30', '-8', '+0530' as an offset east of UTC.</summary>
    private static bool TryOffset(string text, out long micros)
    {
        micros = 0;
        if (text.Length < 2 || text[0] is not ('+' or '-')) return false;
        int sign = text[0] == '-' ? -1 : 1;
        var body = text[1..];
        int hours, minutes = 0;
        int colon = body.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(body[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
                || !int.TryParse(body[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes)) return false;
        }
        else if (body.Length == 4 && int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out int hhmm))
        {
            hours = hhmm / 100;
            minutes = hhmm % 100;
        }
        else if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out hours)) return false;
        if (hours > 15 || minutes > 59) return false;
        micros = sign * (hours * Interval.MicrosPerHour + minutes * Interval.MicrosPerMinute);
        return true;
    }
}
