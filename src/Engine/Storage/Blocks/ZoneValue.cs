using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>How zone-map bounds of a column compare: every SQL type maps to one of three orders.</summary>
public enum ZoneKind : byte
{
    /// <summary>Booleans, integers, dates, timestamps, decimals (scaled) and intervals (ordering key) as 128-bit integers.</summary>
    Integer = 0,
    /// <summary>REAL and DOUBLE as double, NaN above every number and -0 equal to 0 (PostgreSQL's float order).</summary>
    Float = 1,
    /// <summary>Strings in code point order (UTF-8 byte order); manifests of format 1 held UTF-16 order (see LegacyTextBounds).</summary>
    Text = 2,
}

/// <summary>
/// One zone-map bound, held unboxed: exactly one of the fields is meaningful, chosen by the column's
/// <see cref="ZoneKind"/>. Pruning converts a predicate constant once and compares these directly.
/// </summary>
public readonly record struct ZoneValue(Int128 Integer, double Float, string? Text)
{
    public static ZoneKind KindOf(SqlType type) => type.Id switch
    {
        TypeId.Real or TypeId.Double => ZoneKind.Float,
        TypeId.Char or TypeId.Varchar or TypeId.Unknown => ZoneKind.Text,
        _ => ZoneKind.Integer,
    };

    public static ZoneValue OfInteger(Int128 value) => new(value, 0, null);
    public static ZoneValue OfFloat(double value) => new(0, value, null);
    public static ZoneValue OfText(string value) => new(0, 0, value);

    /// <summary>Converts a physical value (the engine's representation for <paramref name="type"/>) to a bound.</summary>
    public static ZoneValue FromPhysical(object value, SqlType type) => value switch
    {
        bool b => OfInteger(b ? 1 : 0),
        short s => OfInteger(s),
        int i => OfInteger(i),
        long l => OfInteger(l),
        Int128 w => OfInteger(w),
        float f => OfFloat(f),
        double d => OfFloat(d),
        string t => OfText(t),
        Interval iv => OfInteger(iv.OrderingKey),
        _ => throw new ArgumentException($"{value.GetType().Name} is not a physical value of {type}", nameof(value)),
    };

    /// <summary>Total order of two bounds of the same kind.</summary>
    public static int Compare(in ZoneValue a, in ZoneValue b, ZoneKind kind) => kind switch
    {
        ZoneKind.Integer => a.Integer.CompareTo(b.Integer),
        ZoneKind.Float => CompareFloat(a.Float, b.Float),
        _ => Functions.Kernels.CodePointOrder.Compare(a.Text ?? "", b.Text ?? ""),
    };

    /// <summary>PostgreSQL float order: NaN equals NaN and sorts above everything; -0 equals 0.</summary>
    public static int CompareFloat(double a, double b)
    {
        bool aNaN = double.IsNaN(a), bNaN = double.IsNaN(b);
        if (aNaN || bNaN) return aNaN == bNaN ? 0 : aNaN ? 1 : -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }
}
