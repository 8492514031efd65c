using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>Row-by-row equality of two same-typed vectors' values (NULL flags are the caller's business).</summary>
internal static class ValueEquality
{
    public static bool[] Equal(ColumnVector a, ColumnVector b, int n) => a switch
    {
        ColumnVector<bool> x => Typed(x, (ColumnVector<bool>)b, n),
        ColumnVector<short> x => Typed(x, (ColumnVector<short>)b, n),
        ColumnVector<int> x => Typed(x, (ColumnVector<int>)b, n),
        ColumnVector<long> x => Typed(x, (ColumnVector<long>)b, n),
        ColumnVector<Int128> x => Typed(x, (ColumnVector<Int128>)b, n),
        ColumnVector<float> x => Typed(x, (ColumnVector<float>)b, n),
        ColumnVector<double> x => Typed(x, (ColumnVector<double>)b, n),
        StringVector x => Strings(x, (StringVector)b, n),
        ColumnVector<Interval> x => Typed(x, (ColumnVector<Interval>)b, n),
        _ => throw new InvalidOperationException($"unexpected vector {a.GetType()}"),
    };

    private static bool[] Strings(StringVector a, StringVector b, int n)
    {
        var result = new bool[n];
        bool constant = b.Length == 1 && n > 1;
        for (int i = 0; i < n; i++) result[i] = a.GetBytes(i).SequenceEqual(b.GetBytes(constant ? 0 : i));
        return result;
    }

    private static bool[] Typed<T>(ColumnVector<T> a, ColumnVector<T> b, int n)
    {
        var result = new bool[n];
        var av = a.Values;
        var bv = b.Values;
        if (b.Length == 1 && n > 1)
        {
            var constant = bv[0];
            for (int i = 0; i < n; i++) result[i] = KeyHash.Equal(av[i], constant);
        }
        else
        {
            for (int i = 0; i < n; i++) result[i] = KeyHash.Equal(av[i], bv[i]);
        }
        return result;
    }
}
