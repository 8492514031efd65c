using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// From a filter conjunct <c>(A1 AND B1) OR (A2 AND B2)</c> over a chain of inner joins, where every branch has
/// terms on one input alone (A1, A2 on input a), adds the implied conjunct <c>A1 OR A2</c>. The original OR stays;
/// the new term only lets predicate pushdown filter that input before the join. In a WHERE clause this is exact:
/// a row whose derived term is not TRUE has no TRUE branch. TPC-H Q7 (the two nations) and Q19 (brands,
/// containers, sizes, quantities) are the classic cases.
/// </summary>
public sealed class DisjunctionDerivation : IOptimizerRule
{
    public string Name => "disjunction_derivation";

    public LogicalPlan Apply(LogicalPlan plan)
    {
        var children = plan.Children.Select(Apply).ToList();
        plan = children.Count == 0 ? plan : plan.WithChildren(children);
        if (plan is not LogicalFilter { Input: LogicalJoin { Kind: JoinKind.Inner } } filter) return plan;

        var ranges = new List<(int Start, int End)>();
        Leaves(filter.Input, 0, ranges);
        var conjuncts = BoundExprs.Conjuncts(filter.Predicate);
        var derived = new List<BoundExpr>();
        foreach (var term in conjuncts)
        {
            if (term is not BoundOr or || Deterministic(or) is false) continue;
            var branches = or.Terms.Select(BoundExprs.Conjuncts).ToList();
            foreach (var (start, end) in ranges)
            {
                var columns = BoundExprs.Columns(or);
                if (columns.All(c => c >= start && c < end)) break; // the OR is on this input alone: pushdown moves it whole
                var perBranch = new List<BoundExpr>(branches.Count);
                foreach (var branch in branches)
                {
                    var local = branch.Where(t => BoundExprs.Columns(t) is { Count: > 0 } cs && cs.All(c => c >= start && c < end)).ToList();
                    if (local.Count == 0) break;
                    perBranch.Add(BoundExprs.And(local)!);
                }
                if (perBranch.Count == branches.Count) derived.Add(new BoundOr(perBranch));
            }
        }
        return derived.Count == 0 ? plan : filter with { Predicate = BoundExprs.And([.. conjuncts, .. derived])! };
    }

    /// <summary>Column ranges [start, end) of the inputs of an inner-join chain, in output order.</summary>
    private static int Leaves(LogicalPlan plan, int offset, List<(int, int)> ranges)
    {
        if (plan is LogicalJoin { Kind: JoinKind.Inner } j)
        {
            int width = Leaves(j.Left, offset, ranges);
            return width + Leaves(j.Right, offset + width, ranges);
        }
        ranges.Add((offset, offset + plan.Schema.Count));
        return plan.Schema.Count;
    }

    private static bool Deterministic(BoundExpr e) =>
        !BoundExprs.Any(e, x => x is BoundFunctionCall f && f.Function.IsVolatile);
}
