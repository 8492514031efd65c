using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Pipelines;

namespace ActorWarehouse.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Hash aggregation with grouping sets. Each input partition is aggregated on its own worker into a partial
/// state; the partials are then merged and finished (Redshift's per-slice aggregate followed by the final
/// aggregate on the leader). DISTINCT or ordered aggregates cannot merge partials, so their partitions feed one
/// state in turn.
/// </summary>
public sealed class HashAggregateOperator : Operator
{
    private readonly IReadOnlyList<Func<Operator>> _partitions;
    private readonly IReadOnlyList<IReadOnlyList<Func<Operator>>>? _disjointGroups;
    private readonly AggregatePlan _plan;
    private readonly QueryContext _context;
    private List<Batch>? _result;
    private int _position;

    /// <summary>
    /// Aggregation of input groups whose group keys never overlap (the slices of an input distributed on a group
    /// key): each group is aggregated and finished on its own, in parallel, and the outputs are concatenated — no
    /// partial states to merge, and DISTINCT or ordered aggregates run in parallel too.
    /// </summary>
    public static HashAggregateOperator OverDisjointGroups(IReadOnlyList<IReadOnlyList<Func<Operator>>> groups, AggregatePlan plan, QueryContext context) =>
        new(groups, plan, context);

    private HashAggregateOperator(IReadOnlyList<IReadOnlyList<Func<Operator>>> groups, AggregatePlan plan, QueryContext context)
        : base(plan.OutputTypes)
    {
        _partitions = [];
        _disjointGroups = groups;
        _plan = plan;
        _context = context;
    }

    public HashAggregateOperator(IReadOnlyList<Func<Operator>> partitions, AggregatePlan plan, QueryContext context)
        : base(plan.OutputTypes)
    {
        _partitions = partitions;
        _plan = plan;
        _context = context;
    }

    public HashAggregateOperator(Operator input, AggregatePlan plan, QueryContext context)
        : this([() => input], plan, context)
    {
    }

    public override Batch? Next()
    {
        _result ??= Aggregate();
        return _position < _result.Count ? _result[_position++] : null;
    }

    private List<Batch> Aggregate()
    {
        if (_disjointGroups is { } groups) return AggregateDisjoint(groups);
        if (!_plan.IsMergeable || _partitions.Count == 1)
        {
            var single = new AggregationState(_plan, _context);
            for (int p = 0; p < _partitions.Count; p++) Consume(_partitions[p], single);
            return single.Finish();
        }
        var partials = ParallelRunner.RunWorkers(_partitions.Count, _context, () => new AggregationState(_plan, _context),
            (p, state) => Consume(_partitions[p], state));
        var final = partials[0];
        for (int p = 1; p < partials.Count; p++) final.MergeFrom(partials[p]);
        return final.Finish();
    }

    private List<Batch> AggregateDisjoint(IReadOnlyList<IReadOnlyList<Func<Operator>>> groups)
    {
        var outputs = new List<Batch>[groups.Count];
        ParallelRunner.ForEachPartition(groups.Count, _context, g =>
        {
            var state = new AggregationState(_plan, _context);
            foreach (var open in groups[g]) Consume(open, state);
            outputs[g] = state.Finish();
        });
        var all = new List<Batch>();
        foreach (var output in outputs) all.AddRange(output);
        return all;
    }

    private void Consume(Func<Operator> open, AggregationState state)
    {
        using var input = open();
        while (input.Next() is { } batch)
        {
            _context.ThrowIfCancelled();
            state.Consume(batch);
        }
    }
}
