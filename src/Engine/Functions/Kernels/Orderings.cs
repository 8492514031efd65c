using System.Runtime.CompilerServices;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>A total order on physical values, PostgreSQL's for the type.</summary>
internal interface IOrdering<T>
{
    static abstract int Compare(T a, T b);
}

/// <summary>Strings in C-collation (code point) order, which is UTF-8 byte order.</summary>
internal struct StringOrdering : IOrdering<string>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(string a, string b) => CodePointOrder.Compare(a, b);
}

/// <summary>CHAR(n) values: trailing blanks are insignificant (normally already trimmed when stored).</summary>
internal struct BpcharOrdering : IOrdering<string>
{
    public static int Compare(string a, string b)
    {
        if (ReferenceEquals(a, b)) return 0;
        return CodePointOrder.Compare(a.AsSpan().TrimEnd(' '), b.AsSpan().TrimEnd(' '));
    }
}

/// <summary>Floats as PostgreSQL orders them: NaN equals NaN and sorts above every other value.</summary>
internal struct DoubleOrdering : IOrdering<double>
{
    public static int Compare(double a, double b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0;
        bool aNaN = double.IsNaN(a), bNaN = double.IsNaN(b);
        return aNaN == bNaN ? 0 : aNaN ? 1 : -1;
    }
}

internal struct RealOrdering : IOrdering<float>
{
    public static int Compare(float a, float b) => DoubleOrdering.Compare(a, b);
}

/// <summary>Intervals compare by their 30-day-month, 24-hour-day length, so '1 month' = '30 days'.</summary>
internal struct IntervalOrdering : IOrdering<Interval>
{
    public static int Compare(Interval a, Interval b) => a.OrderingKey.CompareTo(b.OrderingKey);
}

internal struct BoolOrdering : IOrdering<bool>
{
    public static int Compare(bool a, bool b) => a == b ? 0 : a ? 1 : -1;
}

/// <summary>Any type whose natural comparison is PostgreSQL's (integers, Int128, scaled decimals).</summary>
internal struct NaturalOrdering<T> : IOrdering<T> where T : IComparable<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(T a, T b) => a.CompareTo(b);
}

/// <summary>Code point comparison of UTF-16 strings (ordinal UTF-16 order differs for surrogates vs U+E000..U+FFFF).</summary>
public static class CodePointOrder
{
    public static int Compare(string a, string b) => ReferenceEquals(a, b) ? 0 : Compare(a.AsSpan(), b.AsSpan());

    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        int common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length) return x.Length.CompareTo(y.Length);
        char cx = x[common], cy = y[common];
        // Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF, so they sort after U+E000..U+FFFF.
        if (cx >= 0xD800 && cy >= 0xD800)
        {
            bool sx = cx <= 0xDFFF, sy = cy <= 0xDFFF;
            if (sx != sy) return sx ? 1 : -1;
        }
        return cx < cy ? -1 : 1;
    }
}
