using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Join;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Hash join (or nested loop without keys). The inner (build) side is the smaller input, or always the right
/// one for semi/anti/mark/single joins. How the inputs meet is the join's <see cref="Movement"/>:
/// <list type="bullet">
/// <item>DS_DIST_NONE with both sides on the join key: no movement; slice <c>s</c> builds its own table from its
/// own build rows, probed only by its own outer partitions (as after a redistribution, below). Joins that output
/// unmatched inner rows keep one table per node instead: a slice without outer partitions would lose them.</item>
/// <item>DS_DIST_ALL_NONE (and DS_DIST_NONE of single-partition inputs): no movement; the build partitions are
/// drained in parallel into one hash table per node, probed by every outer partition.</item>
/// <item>DS_BCAST_INNER: the build side goes through a broadcast exchange (<see cref="PlanBroadcast"/>) and the
/// node's copy becomes the shared hash table.</item>
/// <item>DS_DIST_INNER / OUTER / BOTH: the side(s) not on the join key go through a redistribution
/// (<see cref="PlanRedistribute"/>); slice <c>s</c> then builds its own table from the build rows of slice
/// <c>s</c>, probed only by outer partitions of slice <c>s</c>.</item>
/// </list>
/// </summary>
public sealed class PlanHashJoin : PhysicalNode
{
    public PlanHashJoin(PhysicalNode left, PhysicalNode right, JoinKind kind,
        IReadOnlyList<CompiledExpression> leftKeys, IReadOnlyList<CompiledExpression> rightKeys, CompiledExpression? residual,
        IReadOnlyList<string> names, double estimatedRows, string conditionText, string residualText,
        IReadOnlyList<int>? leftKeyColumns = null, IReadOnlyList<int>? rightKeyColumns = null, PhysicalPlanOptions? options = null)
        : base(HashJoinOperator.OutputTypesOf(kind, left.OutputTypes, right.OutputTypes), names, estimatedRows)
    {
        Left = left;
        Right = right;
        Kind = kind;
        Residual = residual;
        // Semi/anti joins normally build on the right; a left input many times smaller is built instead (TPC-H Q21's
        // EXISTS over all of lineitem would otherwise put six million rows in the hash table).
        BuildIsLeft = kind.BuildsOnRightOnly()
            ? kind.CanBuildOnLeft() && left.EstimatedRows >= 0 && left.EstimatedRows * SemiBuildLeftRatio < right.EstimatedRows
            : left.EstimatedRows < right.EstimatedRows;
        var probe = BuildIsLeft ? right : left;
        var build = BuildIsLeft ? left : right;
        ProbeKeys = BuildIsLeft ? rightKeys : leftKeys;
        BuildKeys = BuildIsLeft ? leftKeys : rightKeys;
        ConditionText = conditionText;
        ResidualText = residualText;
        var probeKeyColumns = HashableKeyColumns((BuildIsLeft ? rightKeyColumns : leftKeyColumns) ?? [], probe, build, BuildIsLeft ? leftKeyColumns : rightKeyColumns);
        var buildKeyColumns = HashableKeyColumns((BuildIsLeft ? leftKeyColumns : rightKeyColumns) ?? [], build, probe, probeKeyColumns);
        options ??= PhysicalPlanOptions.Default;
        var rules = new JoinMovementRules(options.BroadcastRowLimit, options.BroadcastSizeRatio,
            NeedsWholeInner: kind is JoinKind.NullAwareAnti or JoinKind.Mark,
            InnerRowsSurvive: BuildIsLeft ? kind is JoinKind.Left or JoinKind.Full or JoinKind.Semi or JoinKind.Anti : kind.PreservesRight(),
            Nodes: options.Nodes);
        var movement = DistributionPlanner.Choose(probe.Distribution, build.Distribution, probeKeyColumns, buildKeyColumns, build.EstimatedRows, probe.EstimatedRows, rules);
        // A stored outer side has no partition on its empty slices, so nobody would emit those slices' unmatched inner
        // rows: joins that output them redistribute the outer side too, which gives every slice a partition.
        if (movement.Step == DistributionStep.DS_DIST_INNER && rules.InnerRowsSurvive) movement = movement with { Step = DistributionStep.DS_DIST_BOTH };
        Movement = movement;
        PerSliceTables = movement.IsRedistribution
            || movement.Step == DistributionStep.DS_DIST_NONE && probe.Distribution.Kind == DistributionKind.Key && !rules.InnerRowsSurvive && !rules.NeedsWholeInner;
        _tableSlices = movement.IsRedistribution ? movement.Slices : probe.Distribution.Slices;
        switch (Movement.Step)
        {
            case DistributionStep.DS_BCAST_INNER:
                build = new PlanBroadcast(build);
                break;
            case DistributionStep.DS_DIST_INNER:
                build = new PlanRedistribute(build, buildKeyColumns[Movement.KeyPair], Movement.Slices);
                break;
            case DistributionStep.DS_DIST_OUTER:
                probe = new PlanRedistribute(probe, probeKeyColumns[Movement.KeyPair], Movement.Slices);
                break;
            case DistributionStep.DS_DIST_BOTH:
                probe = new PlanRedistribute(probe, probeKeyColumns[Movement.KeyPair], Movement.Slices);
                build = new PlanRedistribute(build, buildKeyColumns[Movement.KeyPair], Movement.Slices);
                break;
        }
        Probe = probe;
        Build = build;
    }

    /// <summary>How many times smaller the left input of a semi/anti join must be estimated to be built instead of the right.</summary>
    public const double SemiBuildLeftRatio = 4;

    public PhysicalNode Left { get; }
    public PhysicalNode Right { get; }
    public JoinKind Kind { get; }
    public CompiledExpression? Residual { get; }
    public bool BuildIsLeft { get; }
    /// <summary>The outer side as the join reads it (behind its exchange when it is redistributed).</summary>
    public PhysicalNode Probe { get; }
    /// <summary>The inner side as the join reads it (behind its broadcast or redistribution exchange).</summary>
    public PhysicalNode Build { get; }
    public IReadOnlyList<CompiledExpression> ProbeKeys { get; }
    public IReadOnlyList<CompiledExpression> BuildKeys { get; }
    public string ConditionText { get; }
    public string ResidualText { get; }
    public JoinMovement Movement { get; }
    public DistributionStep Step => Movement.Step;

    public bool IsNestedLoop => ProbeKeys.Count == 0;

    /// <summary>
    /// Per-slice hash tables: only slice <c>s</c>'s rows can meet, because the inputs were redistributed onto the same
    /// slices, or both are on the join key over the same slice count with keys that hash alike (collocated).
    /// </summary>
    public bool PerSliceTables { get; }

    private readonly int _tableSlices;

    public override int Partitions => Probe.Partitions;

    public override IReadOnlyList<PhysicalNode> Children => [Probe, Build];

    /// <summary>
    /// The outer rows stay where the outer side put them (behind its redistribution, if any) and the output starts with
    /// them unless the build is the left input. A right or full join also outputs unmatched inner rows, with NULL outer
    /// columns, from whichever partition probes last: those are on no particular slice, so the output is not on a key.
    /// </summary>
    public override DataDistribution Distribution => BuildIsLeft || Kind.PreservesRight() ? DataDistribution.Unknown : Probe.Distribution;

    public override int SliceOfPartition(int partition) => Probe.SliceOfPartition(partition);

    public override Operator Open(int partition, QueryContext context)
    {
        Func<JoinHashTable> table = PerSliceTables
            ? () => SliceTable(Probe.SliceOfPartition(partition), context)
            : () => context.GetShared(this, () => BuildTable(context));
        return new HashJoinOperator(Probe.Open(partition, context), table, ProbeKeys, Kind, BuildIsLeft, Residual, Build.OutputTypes, context);
    }

    /// <summary>The one table of a node: every build partition drained in parallel, probed by every outer partition.</summary>
    private JoinHashTable BuildTable(QueryContext context)
    {
        var perWorker = ParallelRunner.RunWorkers(Build.Partitions, context, () => new List<Batch>(), (p, batches) => Drain(p, batches, context));
        var all = perWorker.SelectMany(b => b).ToList();
        return new JoinHashTable(Build.OutputTypes, all, BuildKeys, context, Partitions);
    }

    /// <summary>Slice <paramref name="slice"/>'s table, from the build partitions of that slice, probed by the outer partitions of that slice.</summary>
    private JoinHashTable SliceTable(int slice, QueryContext context)
    {
        var tables = context.GetShared(this, () => new Lazy<JoinHashTable>[_tableSlices]);
        var lazy = tables[slice];
        if (lazy is null)
        {
            Interlocked.CompareExchange(ref tables[slice], new Lazy<JoinHashTable>(() =>
            {
                var partitions = new List<int>();
                for (int p = 0; p < Build.Partitions; p++)
                    if (Build.SliceOfPartition(p) == slice) partitions.Add(p);
                // A stored build side has several partitions per slice: drained in parallel, as for a node's table.
                var perWorker = ParallelRunner.RunWorkers(partitions.Count, context, () => new List<Batch>(), (i, drained) => Drain(partitions[i], drained, context));
                var batches = perWorker.SelectMany(b => b).ToList();
                int probers = 0;
                for (int p = 0; p < Probe.Partitions; p++)
                    if (Probe.SliceOfPartition(p) == slice) probers++;
                return new JoinHashTable(Build.OutputTypes, batches, BuildKeys, context, probers);
            }, LazyThreadSafetyMode.ExecutionAndPublication), null);
            lazy = tables[slice];
        }
        return lazy.Value;
    }

    private void Drain(int partition, List<Batch> batches, QueryContext context)
    {
        using var op = Build.Open(partition, context);
        while (op.Next() is { } batch)
        {
            context.ThrowIfCancelled();
            batches.Add(batch);
        }
    }

    /// <summary>
    /// Key column ordinals a redistribution may hash on: a plain column whose partner is a plain column of the same
    /// type (equal values of different types, say DECIMAL scales, would hash apart); -1 elsewhere.
    /// </summary>
    private static int[] HashableKeyColumns(IReadOnlyList<int> columns, PhysicalNode side, PhysicalNode other, IReadOnlyList<int>? otherColumns)
    {
        var result = new int[columns.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int c = columns[i];
            int o = otherColumns is not null && i < otherColumns.Count ? otherColumns[i] : -1;
            result[i] = c >= 0 && o >= 0 && SameHash(side.OutputTypes[c], other.OutputTypes[o]) ? c : -1;
        }
        return result;
    }

    /// <summary>Equal values of the two types hash alike under <see cref="ExchangeRouting"/>.</summary>
    private static bool SameHash(Types.SqlType a, Types.SqlType b) =>
        a.Id == b.Id && ExchangeRouting.HashMatchesEquality(a) && (a.Id != Types.TypeId.Decimal || a.Scale == b.Scale && a.IsWideDecimal == b.IsWideDecimal);

    public override string ExplainLabel
    {
        get
        {
            string name = Kind switch
            {
                JoinKind.Inner => "Join",
                JoinKind.Left => "Left Join",
                JoinKind.Right => "Right Join",
                JoinKind.Full => "Full Join",
                JoinKind.Semi => "Semi Join",
                JoinKind.Anti or JoinKind.NullAwareAnti => "Anti Join",
                JoinKind.Mark => "Mark Join",
                _ => "Left Join",
            };
            return IsNestedLoop ? $"Nested Loop {(Kind == JoinKind.Inner ? "" : name + " ")}{Step}".Replace("  ", " ") : $"Hash {name} {Step}";
        }
    }

    public override IEnumerable<string> ExplainDetails
    {
        get
        {
            if (!IsNestedLoop) yield return $"Hash Cond: {ConditionText}";
            if (Residual is not null) yield return $"Join Filter: {ResidualText}";
        }
    }

    public override double StartupCost => Build.TotalCost;

    public override double TotalCost
    {
        get
        {
            double movement = Step switch
            {
                DistributionStep.DS_DIST_NONE or DistributionStep.DS_DIST_ALL_NONE => 0,
                DistributionStep.DS_BCAST_INNER => Build.EstimatedRows * 1_000_000,
                DistributionStep.DS_DIST_INNER => Build.EstimatedRows * 100_000,
                DistributionStep.DS_DIST_OUTER => Probe.EstimatedRows * 100_000,
                _ => (Build.EstimatedRows + Probe.EstimatedRows) * 100_000,
            };
            double pairs = IsNestedLoop ? Probe.EstimatedRows * Build.EstimatedRows * 0.01 : 0;
            return Probe.TotalCost + Build.TotalCost + movement + pairs + EstimatedRows * 0.01;
        }
    }
}
