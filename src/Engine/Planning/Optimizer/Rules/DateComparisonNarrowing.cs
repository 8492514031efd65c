using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// <c>date_column::timestamp op TIMESTAMP 'c'</c> (what <c>date '…' ± interval</c> produces) becomes
/// <c>date_column op DATE 'd'</c> with the same truth value for every row: no cast per row, and the term is a
/// plain <c>column op constant</c> that zone maps can use. A date d compares with the timestamp as midnight of d,
/// so for c = k days + r micros (0 ≤ r &lt; one day): <c>&lt;</c> is <c>&lt; k</c> when r = 0 else <c>≤ k</c>;
/// <c>≤</c> is <c>≤ k</c>; <c>&gt;</c> is <c>&gt; k</c>; <c>≥</c> is <c>≥ k</c> when r = 0 else <c>&gt; k</c>;
/// <c>=</c> and <c>&lt;&gt;</c> only when r = 0.
/// </summary>
internal static class DateComparisonNarrowing
{
    public static BoundExpr? TryNarrow(BoundFunctionCall call)
    {
        if (call.Arguments is not [var a, var b]) return null;
        string op = call.Name;
        if (op is not ("<" or "<=" or ">" or ">=" or "=" or "<>")) return null;
        if (a is BoundLiteral && b is BoundCast)
        {
            (a, b) = (b, a);
            op = Flip(op);
        }
        if (a is not BoundCast { Type.Id: TypeId.Timestamp, Input: { Type.Id: TypeId.Date } column }
            || b is not BoundLiteral { Type.Id: TypeId.Timestamp, Value: long micros })
            return null;
        long days = Math.DivRem(micros, Interval.MicrosPerDay, out long rest);
        if (rest < 0)
        {
            days--;
            rest += Interval.MicrosPerDay;
        }
        if (days is < int.MinValue + 1 or > int.MaxValue - 1) return null;
        bool exact = rest == 0;
        string? narrowed = op switch
        {
            "<" => exact ? "<" : "<=",
            "<=" => "<=",
            ">" => ">",
            ">=" => exact ? ">=" : ">",
            _ => exact ? op : null,
        };
        if (narrowed is null) return null;
        return ExpressionBinder.Call(narrowed, [column, new BoundLiteral((int)days, SqlType.Date)], 0);
    }

    private static string Flip(string op) => op switch
    {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        _ => op,
    };
}
