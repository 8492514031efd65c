using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Functions.Kernels.MathKernels;
using Mode = ActorWarehouse.Engine.Functions.Kernels.DecimalRounding.Mode;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>abs, ceil, floor, round, trunc, sqrt, cbrt, power, exp, ln, log, mod, sign, pi, degrees, radians, trigonometry, random.</summary>
internal static class MathFunctions
{
    public static void Register(FunctionCatalog catalog)
    {
        var d = SqlType.Double;
        // abs keeps the argument type.
        catalog.Add("abs", [TypeId.SmallInt], SqlType.SmallInt, IntegerArithmetic<short>.AbsKernel(SqlType.SmallInt));
        catalog.Add("abs", [TypeId.Integer], SqlType.Integer, IntegerArithmetic<int>.AbsKernel(SqlType.Integer));
        catalog.Add("abs", [TypeId.BigInt], SqlType.BigInt, IntegerArithmetic<long>.AbsKernel(SqlType.BigInt));
        catalog.Add("abs", [TypeId.Decimal], t => new ResolvedFunction("abs", t[0], t, DecimalArithmetic.AbsKernel(t[0])));
        catalog.Add("abs", [TypeId.Real], SqlType.Real, FloatArithmetic<float>.AbsKernel(SqlType.Real));
        catalog.Add("abs", [TypeId.Double], d, FloatArithmetic<double>.AbsKernel(d));

        foreach (var name in new[] { "ceil", "ceiling" })
        {
            catalog.Add(name, [TypeId.Double], d, Unary<Ceil>());
            catalog.Add(name, [TypeId.Decimal], t => WholeDecimal(name, t[0], Mode.Ceiling));
        }
        catalog.Add("floor", [TypeId.Double], d, Unary<Floor>());
        catalog.Add("floor", [TypeId.Decimal], t => WholeDecimal("floor", t[0], Mode.Floor));

        catalog.Add("round", [TypeId.Double], d, Unary<RoundEven>());
        catalog.Add("round", [TypeId.Decimal], t => WholeDecimal("round", t[0], Mode.HalfAwayFromZero));
        catalog.AddWithConstants("round", [TypeId.Decimal, TypeId.Integer], (t, c) => DigitsDecimal("round", t, c, Mode.HalfAwayFromZero));
        catalog.Add("round", [TypeId.Double, TypeId.Integer], d, Binary<int, RoundDigits>());
        catalog.Add("trunc", [TypeId.Double], d, Unary<Trunc>());
        catalog.Add("trunc", [TypeId.Decimal], t => WholeDecimal("trunc", t[0], Mode.TowardZero));
        catalog.AddWithConstants("trunc", [TypeId.Decimal, TypeId.Integer], (t, c) => DigitsDecimal("trunc", t, c, Mode.TowardZero));
        catalog.Add("trunc", [TypeId.Double, TypeId.Integer], d, Binary<int, TruncDigits>());

        catalog.Add("sqrt", [TypeId.Double], d, Unary<Sqrt>());
        catalog.Add("cbrt", [TypeId.Double], d, Unary<Cbrt>());
        catalog.Add("exp", [TypeId.Double], d, Unary<Exp>());
        catalog.Add("ln", [TypeId.Double], d, Unary<Ln>());
        catalog.Add("log", [TypeId.Double], d, Unary<Log10>());
        catalog.Add("log10", [TypeId.Double], d, Unary<Log10>());
        catalog.Add("log", [TypeId.Double, TypeId.Double], d, Binary<double, LogBase>());
        catalog.Add("power", [TypeId.Double, TypeId.Double], d, Binary<double, Power>());
        catalog.Add("pow", [TypeId.Double, TypeId.Double], d, Binary<double, Power>());
        catalog.Add("^", [TypeId.Double, TypeId.Double], d, Binary<double, Power>());
        catalog.Add("sign", [TypeId.Double], d, Unary<Sign>());
        catalog.Add("sign", [TypeId.Decimal], t => WholeSign(t[0]));
        catalog.Add("degrees", [TypeId.Double], d, Unary<Degrees>());
        catalog.Add("radians", [TypeId.Double], d, Unary<Radians>());
        catalog.Add("sin", [TypeId.Double], d, Unary<Sin>());
        catalog.Add("cos", [TypeId.Double], d, Unary<Cos>());
        catalog.Add("tan", [TypeId.Double], d, Unary<Tan>());
        catalog.Add("cot", [TypeId.Double], d, Unary<Cot>());
        catalog.Add("asin", [TypeId.Double], d, Unary<Asin>());
        catalog.Add("acos", [TypeId.Double], d, Unary<Acos>());
        catalog.Add("atan", [TypeId.Double], d, Unary<Atan>());
        catalog.Add("atan2", [TypeId.Double, TypeId.Double], d, Binary<double, Atan2>());
        catalog.Add("pi", [], d, (_, rows, _) => Filled(Math.PI, rows));
        catalog.Add("random", [], t => new ResolvedFunction("random", d, t, (_, rows, ctx) =>
        {
            var values = new double[rows];
            lock (ctx.Random)
                for (int i = 0; i < rows; i++) values[i] = ctx.Random.NextDouble();
            return new Columnar.ColumnVector<double>(d, values, rows);
        }) { IsVolatile = true });

        // mod(a, b) is the % operator.
        foreach (var (a, b) in new[] { (TypeId.SmallInt, SqlType.SmallInt), (TypeId.Integer, SqlType.Integer), (TypeId.BigInt, SqlType.BigInt) })
            catalog.Add("mod", [a, a], t => FunctionRegistry.ResolveScalar("%", t) with { Name = "mod" });
        catalog.Add("mod", [TypeId.Decimal, TypeId.Decimal], t => FunctionRegistry.ResolveScalar("%", t) with { Name = "mod" });
    }

    private static Columnar.ColumnVector Filled(double value, int rows)
    {
        var values = new double[rows];
        Array.Fill(values, value);
        return new Columnar.ColumnVector<double>(SqlType.Double, values, rows);
    }

    /// <summary>ceil/floor/round/trunc(numeric) → numeric with scale 0 and one more integer digit (9.5 rounds to 10).</summary>
    private static ResolvedFunction WholeDecimal(string name, SqlType input, Mode mode)
    {
        var result = SqlType.Decimal(Math.Min(SqlType.MaxDecimalPrecision, Math.Max(1, input.Precision - input.Scale + 1)), 0);
        return new ResolvedFunction(name, result, [input], DecimalRounding.Create(mode, input, result, 0));
    }

    /// <summary>round/trunc(numeric, n): scale n when n is a known constant (as PostgreSQL prints it), else the input's scale.</summary>
    private static ResolvedFunction DigitsDecimal(string name, SqlType[] types, IReadOnlyList<object?>? constants, Mode mode)
    {
        var input = types[0];
        int? digits = DecimalRounding.ConstantDigits(constants, 1);
        int scale = digits is { } n ? Math.Clamp(n, 0, SqlType.MaxDecimalPrecision) : input.Scale;
        int integerDigits = input.Precision - input.Scale + 1;
        var result = SqlType.Decimal(Math.Min(SqlType.MaxDecimalPrecision, Math.Max(1, integerDigits + scale)), Math.Min(scale, SqlType.MaxDecimalPrecision));
        return new ResolvedFunction(name, result, [input, SqlType.Integer], DecimalRounding.Create(mode, input, result, null));
    }

    private struct SignOf : IUnaryOp<long, long> { public static long Apply(long x) => Math.Sign(x); }
    private struct SignOfWide : IUnaryOp<Int128, long> { public static long Apply(Int128 x) => Int128.Sign(x); }

    private static ResolvedFunction WholeSign(SqlType input)
    {
        var result = SqlType.Decimal(1, 0);
        ScalarKernel kernel = input.IsWideDecimal
            ? (args, rows, _) => KernelTemplates.Unary<Int128, long, SignOfWide>(args, rows, result)
            : (args, rows, _) => KernelTemplates.Unary<long, long, SignOf>(args, rows, result);
        return new ResolvedFunction("sign", result, [input], kernel);
    }
}
