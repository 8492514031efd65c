using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine;

/// <summary>
/// Run-time settings of one session (SET / SHOW / RESET), PostgreSQL GUC style. Known settings have defaults;
/// unknown names are accepted only when they contain a dot (custom "extension.name" settings), else 42704.
/// Names are case-insensitive.
/// </summary>
public sealed class SessionSettings
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["datestyle"] = "ISO, MDY",
        ["timezone"] = "UTC",
        ["search_path"] = "\"$user\", public",
        ["statement_timeout"] = "0",
        ["extra_float_digits"] = "1",
        ["client_encoding"] = "UTF8",
        ["server_encoding"] = "UTF8",
        ["application_name"] = "",
        ["intervalstyle"] = "postgres",
        ["standard_conforming_strings"] = "on",
        ["server_version"] = "8.0.2",
        ["integer_datetimes"] = "on",
        ["enable_result_cache_for_session"] = "on",
        ["query_group"] = "default",
        ["max_parallel_workers_per_gather"] = "2",
        ["lc_messages"] = "C",
        ["lc_monetary"] = "C",
        ["lc_numeric"] = "C",
        ["lc_time"] = "C",
        ["transaction_isolation"] = "serializable",
        ["default_transaction_isolation"] = "serializable",
        ["is_superuser"] = "on",
        ["session_authorization"] = "aw",
        ["describe_field_name_in_uppercase"] = "off",
        ["wlm_query_slot_count"] = "1",
        ["analyze_threshold_percent"] = "10",
        ["transaction_read_only"] = "off",
        ["default_transaction_read_only"] = "off",
        ["server_version_num"] = "80002",
        ["max_identifier_length"] = "127",
        ["in_hot_standby"] = "off",
        ["enable_case_sensitive_identifier"] = "off",
        ["client_min_messages"] = "notice",
        ["timezone_abbreviations"] = "Default",
        ["max_index_keys"] = "32",
        ["max_function_args"] = "100",
        ["block_size"] = "8192",
    };

    /// <summary>Settings SET cannot change (PostgreSQL raises 55P02).</summary>
    private static readonly HashSet<string> ReadOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "server_version", "server_encoding", "integer_datetimes", "is_superuser", "lc_messages", "server_version_num",
        "max_identifier_length", "in_hot_standby", "max_index_keys", "max_function_args", "block_size",
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after a value changes (name in lower case), e.g. so a wire session can send ParameterStatus.</summary>
    public event Action<string, string>? Changed;

    /// <summary>The current value (SHOW); 42704 for an unknown setting without a dot.</summary>
    public string Get(string name)
    {
        if (_values.TryGetValue(name, out var value)) return value;
        if (Defaults.TryGetValue(name, out var defaultValue)) return defaultValue;
        throw new SqlException(SqlState.UndefinedObject, $"unrecognized configuration parameter \"{name.ToLowerInvariant()}\"");
    }

    /// <summary>True when <paramref name="name"/> is known or was set.</summary>
    public bool TryGet(string name, out string value)
    {
        if (_values.TryGetValue(name, out value!)) return true;
        return Defaults.TryGetValue(name, out value!);
    }

    /// <summary>Sets a value as the session starts (read-only settings included), without raising <see cref="Changed"/>.</summary>
    internal void Initialize(string name, string value) => _values[name] = value;

    /// <summary>SET name = value (value already rendered as text).</summary>
    public void Set(string name, string value)
    {
        if (!Defaults.ContainsKey(name) && !name.Contains('.', StringComparison.Ordinal))
            throw new SqlException(SqlState.UndefinedObject, $"unrecognized configuration parameter \"{name.ToLowerInvariant()}\"");
        if (ReadOnly.Contains(name))
            throw new SqlException(SqlState.CantChangeRuntimeParam, $"parameter \"{name.ToLowerInvariant()}\" cannot be changed");
        var normalized = Normalize(name, value);
        _values[name] = normalized;
        Changed?.Invoke(name.ToLowerInvariant(), normalized);
    }

    /// <summary>RESET name: back to the default.</summary>
    public void Reset(string name)
    {
        if (!Defaults.ContainsKey(name) && !name.Contains('.', StringComparison.Ordinal))
            throw new SqlException(SqlState.UndefinedObject, $"unrecognized configuration parameter \"{name.ToLowerInvariant()}\"");
        _values.Remove(name);
        Changed?.Invoke(name.ToLowerInvariant(), Defaults.GetValueOrDefault(name, ""));
    }

    /// <summary>RESET ALL.</summary>
    public void ResetAll() => _values.Clear();

    /// <summary>All known settings with their current values (SHOW ALL), sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All()
    {
        var all = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in Defaults) all[k] = v;
        foreach (var (k, v) in _values) all[k.ToLowerInvariant()] = v;
        return all.ToList();
    }

    public string TimeZone => Get("timezone");

    public string SearchPath => Get("search_path");

    /// <summary>statement_timeout in milliseconds (0 = none); accepts "5s", "100ms", "1min" like PostgreSQL.</summary>
    public long StatementTimeoutMilliseconds => ParseMilliseconds(Get("statement_timeout"));

    private static string Normalize(string name, string value)
    {
        if (name.Equals("statement_timeout", StringComparison.OrdinalIgnoreCase))
        {
            _ = ParseMilliseconds(value);
            return value;
        }
        if (name.Equals("extra_float_digits", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(value, out var digits) || digits < -15 || digits > 3)
                throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"extra_float_digits\": \"{value}\"");
            return value;
        }
        if (name.Equals("datestyle", StringComparison.OrdinalIgnoreCase))
        {
            var upper = value.ToUpperInvariant();
            var style = upper.Contains("SQL", StringComparison.Ordinal) ? "SQL" : upper.Contains("POSTGRES", StringComparison.Ordinal) ? "Postgres"
                : upper.Contains("GERMAN", StringComparison.Ordinal) ? "German" : "ISO";
            var order = upper.Contains("DMY", StringComparison.Ordinal) || upper.Contains("EURO", StringComparison.Ordinal) ? "DMY"
                : upper.Contains("YMD", StringComparison.Ordinal) ? "YMD" : "MDY";
            return $"{style}, {order}";
        }
        return value;
    }

    private static long ParseMilliseconds(string text)
    {
        var t = text.Trim().Trim('\'').ToLowerInvariant();
        long multiplier = 1;
        foreach (var (suffix, factor) in new[] { ("ms", 1L), ("min", 60_000L), ("s", 1000L), ("h", 3_600_000L), ("d", 86_400_000L) })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length].Trim();
                multiplier = factor;
                break;
            }
        }
        if (!long.TryParse(t, out var amount) || amount < 0)
            throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"statement_timeout\": \"{text}\"");
        return amount * multiplier;
    }
}
