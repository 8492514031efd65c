using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Splits a join condition (over left ++ right columns) into equi-key pairs and a residual.</summary>
public static class JoinConditions
{
    public static (List<BoundExpr> LeftKeys, List<BoundExpr> RightKeys, List<BoundExpr> Residual) Split(BoundExpr? condition, int leftCount)
    {
        var leftKeys = new List<BoundExpr>();
        var rightKeys = new List<BoundExpr>();
        var residual = new List<BoundExpr>();
        foreach (var term in BoundExprs.Conjuncts(condition))
        {
            if (term is BoundLiteral { Value: true }) continue;
            if (term is BoundFunctionCall { Name: "=", Arguments: [var a, var b] } && a.Type == b.Type)
            {
                var side = Side(a, leftCount);
                var otherSide = Side(b, leftCount);
                if (side == 1 && otherSide == 2)
                {
                    leftKeys.Add(a);
                    rightKeys.Add(BoundExprs.Shift(b, -leftCount));
                    continue;
                }
                if (side == 2 && otherSide == 1)
                {
                    leftKeys.Add(b);
                    rightKeys.Add(BoundExprs.Shift(a, -leftCount));
                    continue;
                }
            }
            residual.Add(term);
        }
        return (leftKeys, rightKeys, residual);
    }

    /// <summary>1 = only left columns, 2 = only right columns, 0 = none, 3 = both.</summary>
    public static int Side(BoundExpr expr, int leftCount)
    {
        int side = 0;
        foreach (var ordinal in BoundExprs.Columns(expr)) side |= ordinal < leftCount ? 1 : 2;
        return side;
    }
}
