using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// An immutable node of a physical plan. A node runs as <see cref="Partitions"/> independent operator
/// instances (one per slice or morsel of a scan, kept through filters, projections and join probes);
/// nodes that need all rows at once gather their input first. All per-execution state lives in the
/// operators and in <see cref="QueryContext"/>, so a plan can be cached and run many times, concurrently.
/// Each node describes itself for EXPLAIN.
/// </summary>
public abstract class PhysicalNode
{
    protected PhysicalNode(IReadOnlyList<SqlType> outputTypes, IReadOnlyList<string> outputNames, double estimatedRows)
    {
        OutputTypes = outputTypes;
        OutputNames = outputNames;
        // Clamped so that runaway estimates (cross products of estimates) still print as numbers.
        EstimatedRows = double.IsNaN(estimatedRows) ? 1 : Math.Clamp(estimatedRows, 1, 1e15);
    }

    public IReadOnlyList<SqlType> OutputTypes { get; }

    public IReadOnlyList<string> OutputNames { get; }

    public abstract int Partitions { get; }

    public abstract IReadOnlyList<PhysicalNode> Children { get; }

    /// <summary>Starts partition <paramref name="partition"/> of this node.</summary>
    public abstract Operator Open(int partition, QueryContext context);

    /// <summary>How the node's output rows are spread over slices (for choosing join data movement).</summary>
    public virtual DataDistribution Distribution => DataDistribution.Unknown;

    /// <summary>
    /// The slice whose rows partition <paramref name="partition"/> holds, for nodes whose <see cref="Distribution"/>
    /// is on a key (a scan's morsel belongs to one slice; a redistribution's consumer is one slice); -1 otherwise.
    /// </summary>
    public virtual int SliceOfPartition(int partition) => -1;

    // ---- EXPLAIN ----

    /// <summary>The operator name after "XN ", e.g. "Seq Scan on lineitem" or "Hash Join DS_DIST_NONE".</summary>
    public abstract string ExplainLabel { get; }

    /// <summary>Indented detail lines ("Filter: ...", "Hash Cond: ...").</summary>
    public virtual IEnumerable<string> ExplainDetails => [];

    public double EstimatedRows { get; }

    /// <summary>Average output row width in bytes, from the column types.</summary>
    public int Width => RowWidth(OutputTypes);

    /// <summary>Relative cost of this node and everything below it.</summary>
    public virtual double TotalCost => Children.Sum(c => c.TotalCost) + EstimatedRows * 0.01;

    public virtual double StartupCost => 0;

    public static int RowWidth(IReadOnlyList<SqlType> types)
    {
        int width = 0;
        foreach (var t in types)
        {
            width += t.Id switch
            {
                TypeId.Boolean => 1,
                TypeId.SmallInt => 2,
                TypeId.Integer or TypeId.Date or TypeId.Real => 4,
                TypeId.Decimal => t.IsWideDecimal ? 16 : 8,
                TypeId.Interval => 16,
                TypeId.Char or TypeId.Varchar => t.Length > 0 ? Math.Min(t.Length, 256) : 32,
                _ => 8,
            };
        }
        return width;
    }
}
