using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// DuckDB-style value equality: exact text, or the same number within a relative tolerance of 1e-6
/// (so `12.000000` equals `12`), or the same boolean (`t`/`true`/`1`, `f`/`false`/`0`), or a
/// `&lt;REGEX&gt;:`/`&lt;!REGEX&gt;:` pattern that must (not) match the whole value.
/// </summary>
public static class SltValueMatcher
{
    private const double RelativeTolerance = 1e-6;

    public static bool Matches(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal)) return true;
        if (expected.StartsWith("<REGEX>:", StringComparison.Ordinal))
            return Regex.IsMatch(actual, "^(?:" + expected["<REGEX>:".Length..] + ")$", RegexOptions.Singleline);
        if (expected.StartsWith("<!REGEX>:", StringComparison.Ordinal))
            return !Regex.IsMatch(actual, "^(?:" + expected["<!REGEX>:".Length..] + ")$", RegexOptions.Singleline);
        if (expected == SltRenderer.Null || actual == SltRenderer.Null) return false;
        if (TryBoolean(expected, out bool eb) && TryBoolean(actual, out bool ab) && !(IsNumber(expected) && IsNumber(actual)))
            return eb == ab;
        if (TryNumber(expected, out double e) && TryNumber(actual, out double a))
        {
            if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
            if (double.IsInfinity(e) || double.IsInfinity(a)) return e == a;
            double scale = Math.Max(1.0, Math.Max(Math.Abs(e), Math.Abs(a)));
            return Math.Abs(e - a) <= RelativeTolerance * scale;
        }
        return false;
    }

    private static bool IsNumber(string text) => TryNumber(text, out _);

    private static bool TryBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "t" or "true" or "1": value = true; return true;
            case "f" or "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    public static bool TryNumber(string text, out double value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "inf" or "infinity" or "+inf" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
            case "nan" or "-nan": value = double.NaN; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
