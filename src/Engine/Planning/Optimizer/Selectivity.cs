using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>
/// Estimated fraction of a scan's rows that pass a predicate over its output columns, from what storage keeps:
/// value ranges from zone maps for ranges over integer-like columns, 1/distinct for equalities, fixed guesses
/// for the rest (a LIKE keeps a tenth, a comparison of two columns half). Terms of an AND multiply, terms of an
/// OR add. Only join ordering and build-side choice use it, so a rough figure is enough.
/// </summary>
public static class Selectivity
{
    private const double Unknown = 0.5;
    private const double TextEquality = 0.04;

    public static double Of(BoundExpr? predicate, LogicalScan scan)
    {
        if (predicate is null) return 1;
        double result = predicate switch
        {
            BoundAnd a => a.Terms.Aggregate(1.0, (s, t) => s * Of(t, scan)),
            BoundOr o => Math.Min(1, o.Terms.Sum(t => Of(t, scan))),
            BoundNot n => 1 - Of(n.Input, scan),
            BoundLiteral { Value: true } => 1,
            BoundLiteral => 0,
            BoundIsNull { Negated: false } => 0.05,
            BoundIsNull { Negated: true } => 0.95,
            BoundInList { Input: BoundColumnRef c } i => i.Negated ? 1 - Equality(scan, c) * i.List.Count : Equality(scan, c) * i.List.Count,
            BoundFunctionCall f => Call(f, scan),
            _ => Unknown,
        };
        return Math.Clamp(result, 0.0001, 1);
    }

    private static double Call(BoundFunctionCall f, LogicalScan scan)
    {
        switch (f.Name)
        {
            case "like" or "ilike" or "~~" or "~~*":
                return 0.1;
            case "not like" or "not ilike" or "!~~" or "!~~*":
                return 0.9;
        }
        if (f.Arguments is not [var a, var b]) return Unknown;
        string op = f.Name;
        if (a is BoundLiteral && b is BoundColumnRef)
        {
            (a, b) = (b, a);
            op = op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };
        }
        if (a is not BoundColumnRef column) return Unknown;
        if (b is not BoundLiteral literal) return op == "=" ? 0.1 : Unknown;
        switch (op)
        {
            case "=":
                return Equality(scan, column);
            case "<>":
                return 1 - Equality(scan, column);
            case "<" or "<=" or ">" or ">=":
                if (Range(scan, column.Ordinal) is not { } range || ToInteger(literal.Value) is not { } value || literal.Type != column.Type) return 1.0 / 3;
                double span = (double)(range.Max - range.Min) + 1;
                double below = op is "<" ? (double)(value - range.Min) : (double)(value - range.Min) + 1;
                double fraction = Math.Clamp(below / span, 0, 1);
                return op is "<" or "<=" ? fraction : 1 - fraction;
            default:
                return Unknown;
        }
    }

    private static double Equality(LogicalScan scan, BoundColumnRef column)
    {
        var type = scan.Schema[column.Ordinal].Type;
        // A one- or two-character code (flags, statuses) has only a handful of values.
        if (type.Id is TypeId.Char or TypeId.Varchar) return type.Length is > 0 and <= 2 ? 0.33 : TextEquality;
        double distinct = ColumnStatistics.DistinctValues(scan with { Filter = null, EstimatedRows = scan.Table.RowCount }, column.Ordinal);
        return 1 / Math.Max(1, distinct);
    }

    /// <summary>Smallest and largest value of an integer-like output column of a scan over all its zone maps.</summary>
    public static (Int128 Min, Int128 Max)? Range(LogicalScan scan, int ordinal)
    {
        int column = scan.ColumnOrdinals[ordinal];
        var type = scan.Table.Definition.Columns[column].Type;
        if (ZoneValue.KindOf(type) != ZoneKind.Integer || type.Id == TypeId.Interval) return null;
        Int128? min = null, max = null;
        foreach (var slice in scan.Table.Manifest.Slices)
            foreach (var group in slice.RowGroups)
            {
                if (column >= group.Blocks.Count) continue;
                var zone = group.Blocks[column].Zone;
                if (!zone.HasRange) continue;
                if (min is null || zone.Min.Integer < min) min = zone.Min.Integer;
                if (max is null || zone.Max.Integer > max) max = zone.Max.Integer;
            }
        return min is null || max is null ? null : (min.Value, max.Value);
    }

    private static Int128? ToInteger(object? value) => value switch
    {
        short s => s,
        int i => i,
        long l => l,
        Int128 w => w,
        _ => null,
    };
}
