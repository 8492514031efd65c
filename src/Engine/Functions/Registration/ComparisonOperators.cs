using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>= &lt;&gt; &lt; &lt;= &gt; &gt;= for every type; both sides are first brought to their common type.</summary>
internal static class ComparisonOperators
{
    private static readonly TypeId[] Comparable =
    [
        TypeId.Boolean, TypeId.SmallInt, TypeId.Integer, TypeId.BigInt, TypeId.Decimal, TypeId.Real, TypeId.Double,
        TypeId.Varchar, TypeId.Date, TypeId.Timestamp, TypeId.TimestampTz, TypeId.Interval,
    ];

    public static void Register(FunctionCatalog catalog)
    {
        foreach (var op in Comparisons.Operators)
        {
            foreach (var id in Comparable)
            {
                string name = op;
                catalog.Add(op, [id, id], types =>
                {
                    var common = TypeCoercion.CommonType(types[0], types[1]);
                    return new ResolvedFunction(name, SqlType.Boolean, [common, common], Comparisons.For(name, common));
                });
            }
        }
    }
}
