using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Join;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Hash join (or nested loop without keys). The inner (build) side is the smaller input, or always the right
/// one for semi/anti/mark/single joins; its partitions are drained in parallel once per execution into one
/// shared <see cref="JoinHashTable"/>, which every partition of the outer (probe) side then probes
/// concurrently — the in-process equivalent of broadcasting the inner side.
/// </summary>
public sealed class PlanHashJoin : PhysicalNode
{
    public PlanHashJoin(PhysicalNode left, PhysicalNode right, JoinKind kind,
        IReadOnlyList<CompiledExpression> leftKeys, IReadOnlyList<CompiledExpression> rightKeys, CompiledExpression? residual,
        IReadOnlyList<string> names, double estimatedRows, string conditionText, string residualText,
        IReadOnlyList<int>? leftKeyColumns = null, IReadOnlyList<int>? rightKeyColumns = null)
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
        Probe = BuildIsLeft ? right : left;
        Build = BuildIsLeft ? left : right;
        ProbeKeys = BuildIsLeft ? rightKeys : leftKeys;
        BuildKeys = BuildIsLeft ? leftKeys : rightKeys;
        ConditionText = conditionText;
        ResidualText = residualText;
        var probeKeyColumns = (BuildIsLeft ? rightKeyColumns : leftKeyColumns) ?? [];
        var buildKeyColumns = (BuildIsLeft ? leftKeyColumns : rightKeyColumns) ?? [];
        Step = DistributionPlanner.ChooseJoinStep(Probe.Distribution, Build.Distribution, probeKeyColumns, buildKeyColumns, Build.EstimatedRows, Probe.EstimatedRows);
    }

    /// <summary>How many times smaller the left input of a semi/anti join must be estimated to be built instead of the right.</summary>
    public const double SemiBuildLeftRatio = 4;

    public PhysicalNode Left { get; }
    public PhysicalNode Right { get; }
    public JoinKind Kind { get; }
    public CompiledExpression? Residual { get; }
    public bool BuildIsLeft { get; }
    public PhysicalNode Probe { get; }
    public PhysicalNode Build { get; }
    public IReadOnlyList<CompiledExpression> ProbeKeys { get; }
    public IReadOnlyList<CompiledExpression> BuildKeys { get; }
    public string ConditionText { get; }
    public string ResidualText { get; }
    public DistributionStep Step { get; }

    public bool IsNestedLoop => ProbeKeys.Count == 0;

    public override int Partitions => Probe.Partitions;

    public override IReadOnlyList<PhysicalNode> Children => [Probe, Build];

    public override DataDistribution Distribution => Step is DistributionStep.DS_DIST_NONE or DistributionStep.DS_DIST_ALL_NONE or DistributionStep.DS_BCAST_INNER or DistributionStep.DS_DIST_INNER
        ? (BuildIsLeft ? DataDistribution.Unknown : Probe.Distribution)
        : DataDistribution.Unknown;

    public override Operator Open(int partition, QueryContext context) =>
        new HashJoinOperator(Probe.Open(partition, context), () => context.GetShared(this, () => BuildTable(context)),
            ProbeKeys, Kind, BuildIsLeft, Residual, Build.OutputTypes, context);

    private JoinHashTable BuildTable(QueryContext context)
    {
        var perWorker = ParallelRunner.RunWorkers(Build.Partitions, context, () => new List<Batch>(), (p, batches) =>
        {
            using var op = Build.Open(p, context);
            while (op.Next() is { } batch)
            {
                context.ThrowIfCancelled();
                batches.Add(batch);
            }
        });
        var all = perWorker.SelectMany(b => b).ToList();
        return new JoinHashTable(Build.OutputTypes, all, BuildKeys, context, Partitions);
    }

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
