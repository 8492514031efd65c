using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Functions.Kernels.DateTimeArithmetic;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>+ - * / % and unary minus on numbers, dates, timestamps and intervals.</summary>
internal static class ArithmeticOperators
{
    private static readonly string[] Binary = ["+", "-", "*", "/", "%"];

    public static void Register(FunctionCatalog catalog)
    {
        RegisterIntegers(catalog);
        RegisterDecimals(catalog);
        RegisterFloats(catalog);
        RegisterDateTime(catalog);
    }

    private static void RegisterIntegers(FunctionCatalog catalog)
    {
        foreach (var op in Binary)
        {
            catalog.Add(op, [TypeId.SmallInt, TypeId.SmallInt], SqlType.SmallInt, IntegerArithmetic<short>.For(op, SqlType.SmallInt));
            catalog.Add(op, [TypeId.Integer, TypeId.Integer], SqlType.Integer, IntegerArithmetic<int>.For(op, SqlType.Integer));
            catalog.Add(op, [TypeId.BigInt, TypeId.BigInt], SqlType.BigInt, IntegerArithmetic<long>.For(op, SqlType.BigInt));
        }
        catalog.Add("neg", [TypeId.SmallInt], SqlType.SmallInt, IntegerArithmetic<short>.NegateKernel(SqlType.SmallInt));
        catalog.Add("neg", [TypeId.Integer], SqlType.Integer, IntegerArithmetic<int>.NegateKernel(SqlType.Integer));
        catalog.Add("neg", [TypeId.BigInt], SqlType.BigInt, IntegerArithmetic<long>.NegateKernel(SqlType.BigInt));
    }

    private static void RegisterDecimals(FunctionCatalog catalog)
    {
        catalog.Add("+", [TypeId.Decimal, TypeId.Decimal], t => Decimal("+", DecimalArithmetic.AddTypes(t[0], t[1])));
        catalog.Add("-", [TypeId.Decimal, TypeId.Decimal], t => Decimal("-", DecimalArithmetic.AddTypes(t[0], t[1])));
        catalog.Add("*", [TypeId.Decimal, TypeId.Decimal], t => Decimal("*", DecimalArithmetic.MultiplyTypes(t[0], t[1])));
        catalog.Add("%", [TypeId.Decimal, TypeId.Decimal], t => Decimal("%", DecimalArithmetic.ModuloTypes(t[0], t[1])));
        catalog.Add("/", [TypeId.Decimal, TypeId.Decimal], t =>
        {
            var result = DecimalArithmetic.DivideType(t[0], t[1]);
            return new ResolvedFunction("/", result, [t[0], t[1]], DecimalArithmetic.Divide(t[0], t[1], result));
        });
        catalog.Add("neg", [TypeId.Decimal], t => new ResolvedFunction("neg", t[0], t, DecimalArithmetic.NegateKernel(t[0])));
    }

    private static ResolvedFunction Decimal(string op, (SqlType A, SqlType B, SqlType Result) types) =>
        new(op, types.Result, [types.A, types.B], DecimalArithmetic.For(op, types.A, types.B, types.Result));

    private static void RegisterFloats(FunctionCatalog catalog)
    {
        foreach (var op in new[] { "+", "-", "*", "/" })
        {
            catalog.Add(op, [TypeId.Real, TypeId.Real], SqlType.Real, FloatArithmetic<float>.For(op, SqlType.Real));
            catalog.Add(op, [TypeId.Double, TypeId.Double], SqlType.Double, FloatArithmetic<double>.For(op, SqlType.Double));
        }
        catalog.Add("neg", [TypeId.Real], SqlType.Real, FloatArithmetic<float>.NegateKernel(SqlType.Real));
        catalog.Add("neg", [TypeId.Double], SqlType.Double, FloatArithmetic<double>.NegateKernel(SqlType.Double));
    }

    private static void RegisterDateTime(FunctionCatalog catalog)
    {
        var date = SqlType.Date;
        var ts = SqlType.Timestamp;
        var tz = SqlType.TimestampTz;
        var iv = SqlType.Interval;
        catalog.Add("+", [TypeId.Date, TypeId.Integer], date, Kernel<int, int, int, DatePlusDays>(date));
        catalog.Add("+", [TypeId.Integer, TypeId.Date], date, Kernel<int, int, int, DaysPlusDate>(date));
        catalog.Add("-", [TypeId.Date, TypeId.Integer], date, Kernel<int, int, int, DateMinusDays>(date));
        catalog.Add("-", [TypeId.Date, TypeId.Date], SqlType.Integer, Kernel<int, int, int, DateMinusDate>(SqlType.Integer));

        catalog.Add("+", [TypeId.Date, TypeId.Interval], ts, Kernel<int, Interval, long, DatePlusInterval>(ts));
        catalog.Add("+", [TypeId.Interval, TypeId.Date], ts, Kernel<Interval, int, long, IntervalPlusDate>(ts));
        catalog.Add("-", [TypeId.Date, TypeId.Interval], ts, Kernel<int, Interval, long, DateMinusInterval>(ts));

        foreach (var type in new[] { ts, tz })
        {
            catalog.Add("+", [type.Id, TypeId.Interval], type, Kernel<long, Interval, long, TimestampPlusInterval>(type));
            catalog.Add("+", [TypeId.Interval, type.Id], type, Kernel<Interval, long, long, IntervalPlusTimestamp>(type));
            catalog.Add("-", [type.Id, TypeId.Interval], type, Kernel<long, Interval, long, TimestampMinusInterval>(type));
            catalog.Add("-", [type.Id, type.Id], iv, Kernel<long, long, Interval, TimestampMinusTimestamp>(iv));
        }

        catalog.Add("+", [TypeId.Interval, TypeId.Interval], iv, Kernel<Interval, Interval, Interval, IntervalPlusInterval>(iv));
        catalog.Add("-", [TypeId.Interval, TypeId.Interval], iv, Kernel<Interval, Interval, Interval, IntervalMinusInterval>(iv));
        catalog.Add("*", [TypeId.Interval, TypeId.Double], iv, Kernel<Interval, double, Interval, IntervalTimesNumber>(iv));
        catalog.Add("*", [TypeId.Double, TypeId.Interval], iv, Kernel<double, Interval, Interval, NumberTimesInterval>(iv));
        catalog.Add("/", [TypeId.Interval, TypeId.Double], iv, Kernel<Interval, double, Interval, IntervalDividedByNumber>(iv));
        catalog.Add("neg", [TypeId.Interval], iv, (args, rows, _) =>
        {
            try { return KernelTemplates.Unary<Interval, Interval, NegateInterval>(args, rows, iv); }
            catch (OverflowException) { throw DataErrors.OutOfRange(iv); }
        });
    }
}
