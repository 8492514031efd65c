using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;
using System.Numerics;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>A running exact sum and row count.</summary>
internal struct ExactSumCount
{
    public Int128 Sum;
    public long Count;
}

/// <summary>
/// avg over integers and decimals: exact 128-bit sum and count; the result is numeric(38, max(s, 6))
/// rounded half away from zero (PostgreSQL prints a data-dependent scale; this engine fixes it per type).
/// </summary>
internal struct AvgExact<TIn> : IFold<TIn, ExactSumCount, Int128> where TIn : IBinaryInteger<TIn>
{
    public static ExactSumCount Init(TIn value) => new() { Sum = Int128.CreateTruncating(value), Count = 1 };

    public static ExactSumCount Add(ExactSumCount acc, TIn value)
    {
        acc.Sum = checked(acc.Sum + Int128.CreateTruncating(value));
        acc.Count++;
        return acc;
    }

    public static ExactSumCount Combine(ExactSumCount a, ExactSumCount b) => new() { Sum = checked(a.Sum + b.Sum), Count = a.Count + b.Count };

    public static Int128 Finish(ExactSumCount acc, in AggregateShape shape)
    {
        int inputScale = shape.InputType.Id == TypeId.Decimal ? shape.InputType.Scale : 0;
        return DecimalMath.ScaledDivide(acc.Sum, shape.ResultType.Scale - inputScale, acc.Count);
    }
}

internal struct DoubleSumCount
{
    public double Sum;
    public long Count;
}

internal struct AvgDouble : IFold<double, DoubleSumCount, double>
{
    public static DoubleSumCount Init(double value) => new() { Sum = value, Count = 1 };

    public static DoubleSumCount Add(DoubleSumCount acc, double value)
    {
        acc.Sum += value;
        acc.Count++;
        return acc;
    }

    public static DoubleSumCount Combine(DoubleSumCount a, DoubleSumCount b) => new() { Sum = a.Sum + b.Sum, Count = a.Count + b.Count };

    public static double Finish(DoubleSumCount acc, in AggregateShape shape) => acc.Sum / acc.Count;
}

internal struct IntervalSumCount
{
    public Interval Sum;
    public long Count;
}

internal struct AvgInterval : IFold<Interval, IntervalSumCount, Interval>
{
    public static IntervalSumCount Init(Interval value) => new() { Sum = value, Count = 1 };

    public static IntervalSumCount Add(IntervalSumCount acc, Interval value)
    {
        acc.Sum = SumInterval.Add(acc.Sum, value);
        acc.Count++;
        return acc;
    }

    public static IntervalSumCount Combine(IntervalSumCount a, IntervalSumCount b) => new() { Sum = SumInterval.Add(a.Sum, b.Sum), Count = a.Count + b.Count };

    public static Interval Finish(IntervalSumCount acc, in AggregateShape shape) => DateTimeArithmetic.Multiply(acc.Sum, 1.0 / acc.Count);
}

/// <summary>min and max under PostgreSQL's ordering of the type.</summary>
internal struct MinFold<T, TO> : IFold<T, T, T> where TO : IOrdering<T>
{
    public static T Init(T value) => value;
    public static T Add(T acc, T value) => TO.Compare(value, acc) < 0 ? value : acc;
    public static T Combine(T a, T b) => Add(a, b);
    public static T Finish(T acc, in AggregateShape shape) => acc;
}

internal struct MaxFold<T, TO> : IFold<T, T, T> where TO : IOrdering<T>
{
    public static T Init(T value) => value;
    public static T Add(T acc, T value) => TO.Compare(value, acc) > 0 ? value : acc;
    public static T Combine(T a, T b) => Add(a, b);
    public static T Finish(T acc, in AggregateShape shape) => acc;
}

/// <summary>Redshift's ANY_VALUE: some value of the group (the first seen).</summary>
internal struct AnyValueFold<T> : IFold<T, T, T>
{
    public static T Init(T value) => value;
    public static T Add(T acc, T value) => acc;
    public static T Combine(T a, T b) => a;
    public static T Finish(T acc, in AggregateShape shape) => acc;
}

internal struct BoolAndFold : IFold<bool, bool, bool>
{
    public static bool Init(bool value) => value;
    public static bool Add(bool acc, bool value) => acc & value;
    public static bool Combine(bool a, bool b) => a & b;
    public static bool Finish(bool acc, in AggregateShape shape) => acc;
}

internal struct BoolOrFold : IFold<bool, bool, bool>
{
    public static bool Init(bool value) => value;
    public static bool Add(bool acc, bool value) => acc | value;
    public static bool Combine(bool a, bool b) => a | b;
    public static bool Finish(bool acc, in AggregateShape shape) => acc;
}
