using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Pipelines;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// A runnable plan: its root node (gathered to one partition for the client) plus the output names, cut into
/// <see cref="Fragments"/> at its exchanges. <see cref="Execute"/> returns all result batches; <see cref="Open"/>
/// streams them.
/// </summary>
public sealed class PhysicalPlan
{
    public PhysicalPlan(PhysicalNode root)
    {
        Root = root.Partitions == 1 ? root : new PlanGather(root, toLeader: true);
        Fragments = PlanFragment.Cut(Root);
    }

    public PhysicalNode Root { get; }

    /// <summary>The plan's fragments, root fragment first; fragment <c>k + 1</c> sends through exchange <c>k</c>.</summary>
    public IReadOnlyList<PlanFragment> Fragments { get; }

    public IReadOnlyList<string> ColumnNames => Root.OutputNames;

    public IReadOnlyList<Types.SqlType> ColumnTypes => Root.OutputTypes;

    /// <summary>Streams the result; dispose the operator to stop early.</summary>
    public Operator Open(QueryContext context) => Root.Open(0, context);

    /// <summary>Runs the plan to completion and returns every result batch in order.</summary>
    public List<Batch> Execute(QueryContext context)
    {
        using var op = Open(context);
        var batches = new List<Batch>();
        while (op.Next() is { } batch)
        {
            context.ThrowIfCancelled();
            batches.Add(batch);
        }
        return batches;
    }

    /// <summary>The Redshift-style EXPLAIN text, one line per row.</summary>
    public IReadOnlyList<string> Explain() => ExplainFormatter.Format(this);
}
