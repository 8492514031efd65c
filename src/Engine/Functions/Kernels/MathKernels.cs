using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>Double-precision math functions with PostgreSQL's domain errors (2201E logarithm, 2201F power/root).</summary>
internal static class MathKernels
{
    public struct Sqrt : IUnaryOp<double, double>
    {
        public static double Apply(double x) => x < 0
            ? throw new SqlException(SqlState.InvalidArgumentForPowerFunction, "cannot take square root of a negative number")
            : Math.Sqrt(x);
    }

    public struct Cbrt : IUnaryOp<double, double>
    {
        public static double Apply(double x)
        {
            double r = Math.Cbrt(x);
            // .NET's cbrt can be one ulp off for perfect cubes (cbrt(27) = 3.0000000000000004); C's is exact.
            double rounded = Math.Round(r);
            return rounded * rounded * rounded == x ? rounded : r;
        }
    }

    public struct Exp : IUnaryOp<double, double>
    {
        public static double Apply(double x)
        {
            double r = Math.Exp(x);
            return double.IsInfinity(r) && !double.IsInfinity(x) ? throw DataErrors.OutOfRange(SqlType.Double) : r;
        }
    }

    public struct Ln : IUnaryOp<double, double> { public static double Apply(double x) => Math.Log(CheckLog(x)); }

    public struct Log10 : IUnaryOp<double, double> { public static double Apply(double x) => Math.Log10(CheckLog(x)); }

    public struct LogBase : IBinaryOp<double, double, double>
    {
        public static double Apply(double b, double x)
        {
            CheckLog(b);
            CheckLog(x);
            // Base-2 logarithms are exact for powers of two, so log(2, 8) is exactly 3.
            double denominator = Math.Log2(b);
            return denominator == 0 ? throw DataErrors.DivisionByZero() : Math.Log2(x) / denominator;
        }
    }

    private static double CheckLog(double x)
    {
        if (x == 0) throw new SqlException(SqlState.InvalidArgumentForLogarithm, "cannot take logarithm of zero");
        if (x < 0) throw new SqlException(SqlState.InvalidArgumentForLogarithm, "cannot take logarithm of a negative number");
        return x;
    }

    public struct Power : IBinaryOp<double, double, double>
    {
        public static double Apply(double x, double y)
        {
            if (x == 0 && y < 0)
                throw new SqlException(SqlState.InvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
            if (x < 0 && Math.Floor(y) != y)
                throw new SqlException(SqlState.InvalidArgumentForPowerFunction, "a negative number raised to a non-integer power yields a complex result");
            double r = Math.Pow(x, y);
            if (double.IsInfinity(r) && !double.IsInfinity(x) && !double.IsInfinity(y)) throw DataErrors.OutOfRange(SqlType.Double);
            return r;
        }
    }

    public struct Ceil : IUnaryOp<double, double> { public static double Apply(double x) => Math.Ceiling(x); }
    public struct Floor : IUnaryOp<double, double> { public static double Apply(double x) => Math.Floor(x); }

    /// <summary>round(double) is rint in PostgreSQL: half to even.</summary>
    public struct RoundEven : IUnaryOp<double, double> { public static double Apply(double x) => Math.Round(x, MidpointRounding.ToEven); }

    public struct Trunc : IUnaryOp<double, double> { public static double Apply(double x) => Math.Truncate(x); }
    public struct Sign : IUnaryOp<double, double> { public static double Apply(double x) => double.IsNaN(x) ? x : Math.Sign(x); }
    public struct Degrees : IUnaryOp<double, double> { public static double Apply(double x) => x * (180.0 / Math.PI); }
    public struct Radians : IUnaryOp<double, double> { public static double Apply(double x) => x * (Math.PI / 180.0); }
    public struct Sin : IUnaryOp<double, double> { public static double Apply(double x) => Math.Sin(CheckFinite(x)); }
    public struct Cos : IUnaryOp<double, double> { public static double Apply(double x) => Math.Cos(CheckFinite(x)); }
    public struct Tan : IUnaryOp<double, double> { public static double Apply(double x) => Math.Tan(CheckFinite(x)); }
    public struct Cot : IUnaryOp<double, double> { public static double Apply(double x) => 1.0 / Math.Tan(CheckFinite(x)); }
    public struct Asin : IUnaryOp<double, double> { public static double Apply(double x) => Math.Asin(CheckUnit(x)); }
    public struct Acos : IUnaryOp<double, double> { public static double Apply(double x) => Math.Acos(CheckUnit(x)); }
    public struct Atan : IUnaryOp<double, double> { public static double Apply(double x) => Math.Atan(x); }
    public struct Atan2 : IBinaryOp<double, double, double> { public static double Apply(double y, double x) => Math.Atan2(y, x); }

    private static double CheckFinite(double x) =>
        double.IsInfinity(x) ? throw DataErrors.OutOfRange(SqlType.Double) : x;

    private static double CheckUnit(double x) =>
        x is < -1 or > 1 ? throw DataErrors.OutOfRange(SqlType.Double) : x;

    /// <summary>round(double, n) for Redshift compatibility: half away from zero at n decimal digits.</summary>
    public struct RoundDigits : IBinaryOp<double, int, double>
    {
        public static double Apply(double x, int digits)
        {
            if (double.IsNaN(x) || double.IsInfinity(x)) return x;
            if (digits > 15 || digits < -15) return digits > 0 ? x : 0;
            return digits >= 0
                ? Math.Round(x, digits, MidpointRounding.AwayFromZero)
                : Math.Round(x / Math.Pow(10, -digits), MidpointRounding.AwayFromZero) * Math.Pow(10, -digits);
        }
    }

    public struct TruncDigits : IBinaryOp<double, int, double>
    {
        public static double Apply(double x, int digits)
        {
            if (double.IsNaN(x) || double.IsInfinity(x)) return x;
            double factor = Math.Pow(10, digits);
            return Math.Truncate(x * factor) / factor;
        }
    }

    public static ScalarKernel Unary<TOp>() where TOp : IUnaryOp<double, double> =>
        (args, rows, _) => KernelTemplates.Unary<double, double, TOp>(args, rows, SqlType.Double);

    public static ScalarKernel Binary<TB, TOp>() where TOp : IBinaryOp<double, TB, double> =>
        (args, rows, _) => KernelTemplates.Binary<double, TB, double, TOp>(args, rows, SqlType.Double);
}
