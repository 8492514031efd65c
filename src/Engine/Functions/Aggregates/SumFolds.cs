using System.Numerics;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>sum(smallint|integer) → bigint.</summary>
internal struct SumToLong<TIn> : IFold<TIn, long, long> where TIn : IBinaryInteger<TIn>
{
    public static long Init(TIn value) => long.CreateTruncating(value);
    public static long Add(long acc, TIn value) => checked(acc + long.CreateTruncating(value));
    public static long Combine(long a, long b) => checked(a + b);
    public static long Finish(long acc, in AggregateShape shape) => acc;
}

/// <summary>sum(bigint) → numeric(38,0) and sum(numeric(p,s)) → numeric(38,s), accumulated in 128 bits.</summary>
internal struct SumToWide<TIn> : IFold<TIn, Int128, Int128> where TIn : IBinaryInteger<TIn>
{
    public static Int128 Init(TIn value) => Int128.CreateTruncating(value);
    public static Int128 Add(Int128 acc, TIn value) => checked(acc + Int128.CreateTruncating(value));
    public static Int128 Combine(Int128 a, Int128 b) => checked(a + b);

    public static Int128 Finish(Int128 acc, in AggregateShape shape) =>
        DecimalMath.FitsPrecision(acc, SqlType.MaxDecimalPrecision) ? acc : throw new OverflowException();
}

/// <summary>sum(real) → real and sum(double) → double; real sums accumulate in double.</summary>
internal struct SumDouble : IFold<double, double, double>
{
    public static double Init(double value) => value;
    public static double Add(double acc, double value) => acc + value;
    public static double Combine(double a, double b) => a + b;
    public static double Finish(double acc, in AggregateShape shape) => acc;
}

internal struct SumReal : IFold<float, double, float>
{
    public static double Init(float value) => value;
    public static double Add(double acc, float value) => acc + value;
    public static double Combine(double a, double b) => a + b;
    public static float Finish(double acc, in AggregateShape shape) => (float)acc;
}

internal struct SumInterval : IFold<Interval, Interval, Interval>
{
    public static Interval Init(Interval value) => value;
    public static Interval Add(Interval acc, Interval value) => new(checked(acc.Months + value.Months), checked(acc.Days + value.Days), checked(acc.Micros + value.Micros));
    public static Interval Combine(Interval a, Interval b) => Add(a, b);
    public static Interval Finish(Interval acc, in AggregateShape shape) => acc;
}
