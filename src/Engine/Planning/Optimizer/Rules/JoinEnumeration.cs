using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// Exhaustive ordering of an inner-join chain of up to <see cref="MaxLeaves"/> inputs (dynamic programming over
/// subsets, bushy trees allowed). The size of a set of joined inputs is the product of their estimated rows times,
/// for every equality inside the set, 1 / the larger distinct-value estimate of its two columns; the cost of a tree
/// is the sum of the sizes of its intermediate results plus the rows put into hash tables. Splits whose two halves
/// share no condition (cross products) are considered only when a set has no other split.
/// </summary>
internal sealed class JoinEnumeration
{
    public const int MaxLeaves = 10;

    private readonly List<LogicalPlan> _leaves;
    private readonly List<BoundExpr> _conditions;
    private readonly int[] _offsets;
    private readonly int[] _conditionMask;
    private readonly double[] _conditionFactor;
    private readonly double[] _size;
    private readonly double[] _cost;
    private readonly int[] _split;

    public JoinEnumeration(List<LogicalPlan> leaves, List<BoundExpr> conditions)
    {
        _leaves = leaves;
        _conditions = conditions;
        int n = leaves.Count;
        _offsets = new int[n];
        for (int i = 1; i < n; i++) _offsets[i] = _offsets[i - 1] + leaves[i - 1].Schema.Count;
        _conditionMask = new int[conditions.Count];
        _conditionFactor = new double[conditions.Count];
        for (int k = 0; k < conditions.Count; k++)
        {
            foreach (int ordinal in BoundExprs.Columns(conditions[k])) _conditionMask[k] |= 1 << LeafOf(ordinal);
            _conditionFactor[k] = Factor(conditions[k]);
        }
        int sets = 1 << n;
        _size = new double[sets];
        _cost = new double[sets];
        _split = new int[sets];
    }

    private int LeafOf(int ordinal)
    {
        for (int i = _leaves.Count - 1; i >= 0; i--)
            if (ordinal >= _offsets[i]) return i;
        return 0;
    }

    private double Rows(int leaf) => Math.Max(_leaves[leaf].EstimatedRows, 1);

    /// <summary>How much a condition shrinks the product of its inputs: 1/max distinct for column equalities.</summary>
    private double Factor(BoundExpr condition)
    {
        if (condition is not BoundFunctionCall { Name: "=", Arguments: [var a, var b] }) return 0.5;
        double distinct = 1;
        foreach (var side in new[] { a, b })
        {
            if (side is not BoundColumnRef c) continue;
            int leaf = LeafOf(c.Ordinal);
            distinct = Math.Max(distinct, ColumnStatistics.DistinctValues(_leaves[leaf], c.Ordinal - _offsets[leaf]));
        }
        return 1 / distinct;
    }

    /// <summary>The cheapest join tree, then a projection back to the original column order.</summary>
    public LogicalPlan Build(IReadOnlyList<LogicalColumn> schema)
    {
        int n = _leaves.Count;
        int all = (1 << n) - 1;
        for (int set = 1; set <= all; set++)
        {
            double size = 1;
            for (int i = 0; i < n; i++)
                if ((set & (1 << i)) != 0) size *= Rows(i);
            // Conditions between the same inputs multiply, but no further than a key/foreign-key join would shrink
            // them (l_partkey = ps_partkey AND l_suppkey = ps_suppkey is one composite key, not two independent ones).
            var factors = new Dictionary<int, double>();
            for (int k = 0; k < _conditions.Count; k++)
            {
                int mask = _conditionMask[k];
                if (mask == 0 || (mask & ~set) != 0 || BitCount(mask) < 2) continue;
                factors[mask] = factors.GetValueOrDefault(mask, 1) * _conditionFactor[k];
            }
            foreach (var (mask, factor) in factors)
            {
                double largest = 1;
                for (int i = 0; i < n; i++)
                    if ((mask & (1 << i)) != 0) largest = Math.Max(largest, Rows(i));
                size *= Math.Max(factor, 1 / largest);
            }
            _size[set] = Math.Max(1, size);
            if (BitCount(set) == 1) continue;
            _cost[set] = double.PositiveInfinity;
            Choose(set, connectedOnly: true);
            if (double.IsPositiveInfinity(_cost[set])) Choose(set, connectedOnly: false);
        }
        var position = new Dictionary<int, int>();
        var used = new bool[_conditions.Count];
        var plan = Assemble(all, position, used);
        var restore = new List<BoundExpr>(schema.Count);
        for (int o = 0; o < schema.Count; o++) restore.Add(new BoundColumnRef(position[o], schema[o].Type, schema[o].Name));
        return new LogicalProject(plan, restore, schema.Select(c => c.Name).ToList()) { EstimatedRows = plan.EstimatedRows };
    }

    private void Choose(int set, bool connectedOnly)
    {
        int lowest = set & -set;
        // Enumerate proper subsets that contain the lowest member, so each split is seen once.
        for (int left = (set - 1) & set; left > 0; left = (left - 1) & set)
        {
            if ((left & lowest) == 0) continue;
            int right = set & ~left;
            if (double.IsPositiveInfinity(_cost[left]) || double.IsPositiveInfinity(_cost[right])) continue;
            if (connectedOnly && !Connected(left, right)) continue;
            double cost = _cost[left] + _cost[right] + _size[set] + Math.Min(_size[left], _size[right]);
            if (cost < _cost[set])
            {
                _cost[set] = cost;
                _split[set] = left;
            }
        }
    }

    private bool Connected(int left, int right)
    {
        for (int k = 0; k < _conditions.Count; k++)
        {
            int mask = _conditionMask[k];
            if ((mask & left) != 0 && (mask & right) != 0 && (mask & ~(left | right)) == 0) return true;
        }
        return false;
    }

    /// <summary>Builds the plan of a set; <paramref name="position"/> receives where each original ordinal ends up.</summary>
    private LogicalPlan Assemble(int set, Dictionary<int, int> position, bool[] used)
    {
        if (BitCount(set) == 1)
        {
            int leaf = System.Numerics.BitOperations.TrailingZeroCount(set);
            for (int c = 0; c < _leaves[leaf].Schema.Count; c++) position[_offsets[leaf] + c] = c;
            return _leaves[leaf];
        }
        int leftSet = _split[set], rightSet = set & ~leftSet;
        var leftPosition = new Dictionary<int, int>();
        var rightPosition = new Dictionary<int, int>();
        var left = Assemble(leftSet, leftPosition, used);
        var right = Assemble(rightSet, rightPosition, used);
        int leftCount = left.Schema.Count;
        foreach (var (ordinal, p) in leftPosition) position[ordinal] = p;
        foreach (var (ordinal, p) in rightPosition) position[ordinal] = leftCount + p;
        var applicable = new List<BoundExpr>();
        for (int k = 0; k < _conditions.Count; k++)
        {
            if (used[k] || (_conditionMask[k] & ~set) != 0) continue;
            used[k] = true;
            applicable.Add(BoundExprs.Remap(_conditions[k], position));
        }
        var (lk, rk, residual) = JoinConditions.Split(BoundExprs.And(applicable), leftCount);
        return new LogicalJoin(JoinKind.Inner, left, right, lk, rk, BoundExprs.And(residual)) { EstimatedRows = _size[set] };
    }

    private static int BitCount(int value) => System.Numerics.BitOperations.PopCount((uint)value);
}
