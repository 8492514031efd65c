using System.Globalization;
using System.Text;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// Renders result values as sqllogictest strings. SQLite files render by the column's letter
/// (I: truncated integer, R: three decimals, T: text with non-printable bytes as '@'); DuckDB files use
/// the value's own text form and compare tolerantly (see <see cref="SltValueMatcher"/>).
/// </summary>
public static class SltRenderer
{
    public const string Null = "NULL";
    public const string Empty = "(empty)";

    public static string Render(SltValue value, char letter, SltDialect dialect)
    {
        if (value.IsNull) return Null;
        if (dialect == SltDialect.DuckDb)
        {
            string text = value.Text ?? "";
            return text.Length == 0 ? Empty : text;
        }
        return char.ToUpperInvariant(letter) switch
        {
            'I' => RenderInteger(value),
            'R' => RenderReal(value),
            _ => RenderText(value),
        };
    }

    private static string RenderInteger(SltValue value)
    {
        switch (value.Physical)
        {
            case bool b: return b ? "1" : "0";
            case short s: return s.ToString(CultureInfo.InvariantCulture);
            case int i when value.Type.Id != TypeId.Date: return i.ToString(CultureInfo.InvariantCulture);
            case long l when value.Type.Id == TypeId.Decimal: return (l / Pow10Long(value.Type.Scale)).ToString(CultureInfo.InvariantCulture);
            case long l when value.Type.IsInteger: return l.ToString(CultureInfo.InvariantCulture);
            case Int128 w when value.Type.Id == TypeId.Decimal: return (w / Pow10Wide(value.Type.Scale)).ToString(CultureInfo.InvariantCulture);
            case double d: return TruncatedText(d);
            case float f: return TruncatedText(f);
            case string s:
                return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? TruncatedText(parsed) : "0";
            default: return RenderText(value);
        }
    }

    private static string RenderReal(SltValue value)
    {
        double d;
        switch (value.Physical)
        {
            case bool b: d = b ? 1 : 0; break;
            case short s: d = s; break;
            case int i when value.Type.Id != TypeId.Date: d = i; break;
            case long l when value.Type.Id == TypeId.Decimal && value.Type.Scale <= 18: d = (double)((decimal)l / Pow10Decimal(value.Type.Scale)); break;
            case long l when value.Type.IsInteger: d = l; break;
            case double x: d = x; break;
            case float f: d = f; break;
            default:
                if (!double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) d = 0;
                break;
        }
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        return d.ToString("F3", CultureInfo.InvariantCulture);
    }

    private static string RenderText(SltValue value)
    {
        if (value.Physical is bool b) return b ? "1" : "0";
        string text = value.Text ?? "";
        if (text.Length == 0) return Empty;
        bool printable = true;
        foreach (char c in text)
            if (c < 0x20 || c > 0x7E) { printable = false; break; }
        if (printable) return text;
        // Every byte of the UTF-8 form outside printable ASCII becomes '@'.
        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length);
        foreach (byte x in bytes) builder.Append(x is >= 0x20 and <= 0x7E ? (char)x : '@');
        return builder.ToString();
    }

    private static string TruncatedText(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return "0";
        double t = Math.Truncate(d);
        return t == 0 ? "0" : t.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static long Pow10Long(int scale)
    {
        long p = 1;
        for (int i = 0; i < scale; i++) p *= 10;
        return p;
    }

    private static Int128 Pow10Wide(int scale)
    {
        Int128 p = 1;
        for (int i = 0; i < scale; i++) p *= 10;
        return p;
    }

    private static decimal Pow10Decimal(int scale)
    {
        decimal p = 1;
        for (int i = 0; i < scale; i++) p *= 10;
        return p;
    }
}
