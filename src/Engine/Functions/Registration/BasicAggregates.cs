using ActorWarehouse.Engine.Functions.Aggregates;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>count and sum.</summary>
internal static class BasicAggregates
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

    internal static ResolvedAggregate Fold<TIn, TAcc, TOut, TFold>(string name, SqlType input, SqlType result)
        where TFold : IFold<TIn, TAcc, TOut>
    {
        var shape = new AggregateShape(input, result);
        return new ResolvedAggregate(name, result, [input], () => new FoldAggregate<TIn, TAcc, TOut, TFold>(shape));
    }
}
