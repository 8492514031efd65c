using ActorWarehouse.Engine.Functions.Aggregates;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>
/// count, sum, avg, min, max, any_value, bool_and/bool_or, stddev/variance family, covar/corr, listagg/string_agg,
/// median/percentile_cont/percentile_disc. Result types: sum(smallint|int) bigint, sum(bigint) numeric(38,0),
/// sum(numeric(p,s)) numeric(38,s); avg(exact) numeric(38, max(s,6)); avg(float) double; statistics double.
/// </summary>
internal static class AggregateFunctions
{
    private static readonly TypeId[] AllTypes =
    [
        TypeId.Boolean, TypeId.SmallInt, TypeId.Integer, TypeId.BigInt, TypeId.Decimal, TypeId.Real, TypeId.Double,
        TypeId.Varchar, TypeId.Date, TypeId.Timestamp, TypeId.TimestampTz, TypeId.Interval,
    ];

    public static void Register(FunctionCatalog catalog)
    {
        catalog.AddAggregate("count", [], (_, _) => new ResolvedAggregate("count", SqlType.BigInt, [], () => new CountAggregate()));
        foreach (var id in AllTypes)
            catalog.AddAggregate("count", [id], (types, _) => new ResolvedAggregate("count", SqlType.BigInt, types, () => new CountAggregate()));

        RegisterSum(catalog);
        RegisterAvg(catalog);
        foreach (var id in AllTypes)
        {
            catalog.AddAggregate("min", [id], (t, _) => MinMax("min", t[0], max: false));
            catalog.AddAggregate("max", [id], (t, _) => MinMax("max", t[0], max: true));
            catalog.AddAggregate("any_value", [id], (t, _) => AnyValue(t[0]));
        }
        foreach (var name in new[] { "bool_and", "every" })
            catalog.AddAggregate(name, [TypeId.Boolean], (t, _) => Fold<bool, bool, bool, BoolAndFold>(name, t[0], SqlType.Boolean));
        catalog.AddAggregate("bool_or", [TypeId.Boolean], (t, _) => Fold<bool, bool, bool, BoolOrFold>("bool_or", t[0], SqlType.Boolean));

        Statistic<StddevSamp>(catalog, "stddev");
        Statistic<StddevSamp>(catalog, "stddev_samp");
        Statistic<StddevPop>(catalog, "stddev_pop");
        Statistic<VarSamp>(catalog, "variance");
        Statistic<VarSamp>(catalog, "var_samp");
        Statistic<VarPop>(catalog, "var_pop");
        foreach (var (name, kind) in new[] { ("covar_pop", CovarianceAggregate.Kind.CovarPop), ("covar_samp", CovarianceAggregate.Kind.CovarSamp), ("corr", CovarianceAggregate.Kind.Corr) })
            catalog.AddAggregate(name, [TypeId.Double, TypeId.Double], (_, _) =>
                new ResolvedAggregate(name, SqlType.Double, [SqlType.Double, SqlType.Double], () => new CovarianceAggregate(kind)));

        // Values of any type are joined as their text output (Redshift's LISTAGG accepts any expression).
        foreach (var id in AllTypes)
        {
            foreach (var name in new[] { "listagg", "string_agg" })
            {
                catalog.AddAggregate(name, [id, TypeId.Varchar], (_, _) =>
                    new ResolvedAggregate(name, SqlType.Text, [SqlType.Text, SqlType.Text], () => new ListAggAggregate()));
            }
            catalog.AddAggregate("listagg", [id], (_, _) =>
                new ResolvedAggregate("listagg", SqlType.Text, [SqlType.Text], () => new ListAggAggregate()));
        }

        catalog.AddAggregate("median", [TypeId.Double], (_, _) =>
            new ResolvedAggregate("median", SqlType.Double, [SqlType.Double], () => new PercentileAggregate(true, 0.5)));
        catalog.AddAggregate("percentile_cont", [TypeId.Double, TypeId.Double], (_, _) =>
            new ResolvedAggregate("percentile_cont", SqlType.Double, [SqlType.Double, SqlType.Double], () => new PercentileAggregate(true, null)));
        catalog.AddAggregate("percentile_disc", [TypeId.Double, TypeId.Double], (_, _) =>
            new ResolvedAggregate("percentile_disc", SqlType.Double, [SqlType.Double, SqlType.Double], () => new PercentileAggregate(false, null)));
        // percentile_cont(f) WITHIN GROUP (ORDER BY x): the parameters list the ordered value as a second argument,
        // which the executor supplies (the first WITHIN GROUP key, evaluated per row) after the fraction.
        foreach (var (name, continuous) in new[] { ("percentile_cont", true), ("percentile_disc", false) })
            catalog.AddAggregate(name, [TypeId.Double], (_, _) =>
                new ResolvedAggregate(name, SqlType.Double, [SqlType.Double, SqlType.Double], () => new PercentileAggregate(continuous, null)));
    }

    private static void RegisterSum(FunctionCatalog catalog)
    {
        catalog.AddAggregate("sum", [TypeId.SmallInt], (types, _) => Fold<short, long, long, SumToLong<short>>("sum", types[0], SqlType.BigInt));
        catalog.AddAggregate("sum", [TypeId.Integer], (types, _) => Fold<int, long, long, SumToLong<int>>("sum", types[0], SqlType.BigInt));
        catalog.AddAggregate("sum", [TypeId.BigInt], (types, _) => Fold<long, Int128, Int128, SumToWide<long>>("sum", types[0], SqlType.Decimal(38, 0)));
        catalog.AddAggregate("sum", [TypeId.Decimal], (types, _) =>
        {
            var result = SqlType.Decimal(SqlType.MaxDecimalPrecision, types[0].Scale);
            return types[0].IsWideDecimal
                ? Fold<Int128, Int128, Int128, SumToWide<Int128>>("sum", types[0], result)
                : Fold<long, Int128, Int128, SumToWide<long>>("sum", types[0], result);
        });
        catalog.AddAggregate("sum", [TypeId.Real], (types, _) => Fold<float, double, float, SumReal>("sum", types[0], SqlType.Real));
        catalog.AddAggregate("sum", [TypeId.Double], (types, _) => Fold<double, double, double, SumDouble>("sum", types[0], SqlType.Double));
        catalog.AddAggregate("sum", [TypeId.Interval], (types, _) => Fold<Interval, Interval, Interval, SumInterval>("sum", types[0], SqlType.Interval));
    }

    /// <summary>Scale of avg over an exact type: the input's, but at least 6.</summary>
    public const int MinimumAvgScale = 6;

    private static void RegisterAvg(FunctionCatalog catalog)
    {
        var intAvg = SqlType.Decimal(SqlType.MaxDecimalPrecision, MinimumAvgScale);
        catalog.AddAggregate("avg", [TypeId.SmallInt], (t, _) => Fold<short, ExactSumCount, Int128, AvgExact<short>>("avg", t[0], intAvg));
        catalog.AddAggregate("avg", [TypeId.Integer], (t, _) => Fold<int, ExactSumCount, Int128, AvgExact<int>>("avg", t[0], intAvg));
        catalog.AddAggregate("avg", [TypeId.BigInt], (t, _) => Fold<long, ExactSumCount, Int128, AvgExact<long>>("avg", t[0], intAvg));
        catalog.AddAggregate("avg", [TypeId.Decimal], (t, _) =>
        {
            var result = SqlType.Decimal(SqlType.MaxDecimalPrecision, Math.Max(t[0].Scale, MinimumAvgScale));
            return t[0].IsWideDecimal
                ? Fold<Int128, ExactSumCount, Int128, AvgExact<Int128>>("avg", t[0], result)
                : Fold<long, ExactSumCount, Int128, AvgExact<long>>("avg", t[0], result);
        });
        catalog.AddAggregate("avg", [TypeId.Double], (t, _) => Fold<double, DoubleSumCount, double, AvgDouble>("avg", SqlType.Double, SqlType.Double));
        catalog.AddAggregate("avg", [TypeId.Interval], (t, _) => Fold<Interval, IntervalSumCount, Interval, AvgInterval>("avg", t[0], SqlType.Interval));
    }

    private static void Statistic<TKind>(FunctionCatalog catalog, string name) where TKind : IVarianceKind =>
        catalog.AddAggregate(name, [TypeId.Double], (_, _) =>
            new ResolvedAggregate(name, SqlType.Double, [SqlType.Double], () => new VarianceAggregate<TKind>()));

    private static ResolvedAggregate MinMax(string name, SqlType type, bool max)
    {
        if (type.Id == TypeId.Unknown) type = SqlType.Text;
        return type.Id switch
        {
            TypeId.Boolean => max ? Fold<bool, bool, bool, MaxFold<bool, BoolOrdering>>(name, type, type) : Fold<bool, bool, bool, MinFold<bool, BoolOrdering>>(name, type, type),
            TypeId.SmallInt => Natural<short>(name, type, max),
            TypeId.Integer or TypeId.Date => Natural<int>(name, type, max),
            TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => Natural<long>(name, type, max),
            TypeId.Decimal when type.IsWideDecimal => Natural<Int128>(name, type, max),
            TypeId.Decimal => Natural<long>(name, type, max),
            TypeId.Real => max ? Fold<float, float, float, MaxFold<float, RealOrdering>>(name, type, type) : Fold<float, float, float, MinFold<float, RealOrdering>>(name, type, type),
            TypeId.Double => max ? Fold<double, double, double, MaxFold<double, DoubleOrdering>>(name, type, type) : Fold<double, double, double, MinFold<double, DoubleOrdering>>(name, type, type),
            TypeId.Interval => max ? Fold<Interval, Interval, Interval, MaxFold<Interval, IntervalOrdering>>(name, type, type) : Fold<Interval, Interval, Interval, MinFold<Interval, IntervalOrdering>>(name, type, type),
            _ => max ? Fold<string, string, string, MaxFold<string, StringOrdering>>(name, type, type) : Fold<string, string, string, MinFold<string, StringOrdering>>(name, type, type),
        };
    }

    private static ResolvedAggregate Natural<T>(string name, SqlType type, bool max) where T : IComparable<T> =>
        max ? Fold<T, T, T, MaxFold<T, NaturalOrdering<T>>>(name, type, type) : Fold<T, T, T, MinFold<T, NaturalOrdering<T>>>(name, type, type);

    private static ResolvedAggregate AnyValue(SqlType type)
    {
        if (type.Id == TypeId.Unknown) type = SqlType.Text;
        return PhysicalDispatch.Visit(type, new AnyValueVisitor(type));
    }

    private sealed class AnyValueVisitor(SqlType type) : IPhysicalVisitor<ResolvedAggregate>
    {
        public ResolvedAggregate Visit<T>(IComparer<T> order) => Fold<T, T, T, AnyValueFold<T>>("any_value", type, type);
    }

    internal static ResolvedAggregate Fold<TIn, TAcc, TOut, TFold>(string name, SqlType input, SqlType result)
        where TFold : IFold<TIn, TAcc, TOut>
    {
        var shape = new AggregateShape(input, result);
        return new ResolvedAggregate(name, result, [input], () => new FoldAggregate<TIn, TAcc, TOut, TFold>(shape));
    }
}
