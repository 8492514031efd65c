namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>
/// Redshift's join data-movement labels, shown by EXPLAIN on each join (best first).
/// </summary>
public enum DistributionStep
{
    /// <summary>Both sides are distributed on the join key: each slice joins its own rows.</summary>
    DS_DIST_NONE,
    /// <summary>The inner side is DISTSTYLE ALL: every node already has all of it.</summary>
    DS_DIST_ALL_NONE,
    /// <summary>The inner side is re-hashed on the join key to match the outer side.</summary>
    DS_DIST_INNER,
    /// <summary>The outer side is re-hashed on the join key to match the inner side.</summary>
    DS_DIST_OUTER,
    /// <summary>The whole inner side is broadcast to every node (chosen when it is small).</summary>
    DS_BCAST_INNER,
    /// <summary>Both sides are re-hashed on the join key.</summary>
    DS_DIST_BOTH,
}

/// <summary>What a join moves: the step, and for redistributions the key pair and the slice count hashed over.</summary>
/// <param name="KeyPair">Index into the join's key lists of the pair rows are hashed on (-1 when nothing is redistributed).</param>
/// <param name="Slices">Consumers of the redistribution: the slice count of the side already on the key.</param>
public readonly record struct JoinMovement(DistributionStep Step, int KeyPair = -1, int Slices = 0)
{
    public bool IsRedistribution => Step is DistributionStep.DS_DIST_INNER or DistributionStep.DS_DIST_OUTER or DistributionStep.DS_DIST_BOTH;
}

/// <summary>Chooses the data movement for a hash join from where its inputs live and how big the inner side is.</summary>
public static class DistributionPlanner
{
    /// <summary>Inner sides estimated below this many rows are broadcast rather than redistributed.</summary>
    public const double BroadcastRowLimit = 1_000_000;

    /// <summary>Inner sides this many times smaller than the outer side are broadcast whatever their size.</summary>
    public const double BroadcastSizeRatio = 8;

    /// <summary>Slices a DS_DIST_BOTH hashes over when neither side says (an in-process warehouse's default).</summary>
    public const int DefaultSlices = 2;

    /// <param name="outer">Distribution of the outer (probe) side.</param>
    /// <param name="inner">Distribution of the inner (build) side.</param>
    /// <param name="outerKeys">Outer join-key column ordinals (pairs with <paramref name="innerKeys"/>; -1 = not a plain column).</param>
    /// <param name="innerKeys">Inner join-key column ordinals.</param>
    /// <param name="innerRows">Estimated rows of the inner side.</param>
    /// <param name="outerRows">Estimated rows of the outer side.</param>
    public static DistributionStep ChooseJoinStep(DataDistribution outer, DataDistribution inner, IReadOnlyList<int> outerKeys, IReadOnlyList<int> innerKeys, double innerRows, double outerRows) =>
        Choose(outer, inner, outerKeys, innerKeys, innerRows, outerRows, JoinMovementRules.Default).Step;

    public static JoinMovement Choose(DataDistribution outer, DataDistribution inner, IReadOnlyList<int> outerKeys, IReadOnlyList<int> innerKeys,
        double innerRows, double outerRows, JoinMovementRules rules)
    {
        if (inner.Kind == DistributionKind.All) return new(DistributionStep.DS_DIST_ALL_NONE);
        if (inner.Kind == DistributionKind.Single && outer.Kind == DistributionKind.Single) return new(DistributionStep.DS_DIST_NONE);
        if (outer.Kind == DistributionKind.All) return new(DistributionStep.DS_BCAST_INNER);
        // NOT IN / IN-with-NULL semantics need the whole inner side in one place (is it empty? has it a NULL key?):
        // even collocated keys broadcast, or a node (or slice) would judge by its own share of the inner rows.
        if (rules.NeedsWholeInner) return new(DistributionStep.DS_BCAST_INNER);
        int innerOnly = -1, outerOnly = -1, both = -1;
        for (int i = 0; i < outerKeys.Count; i++)
        {
            bool outerOn = outer.Kind == DistributionKind.Key && outer.Slices > 0 && outer.KeyColumn == outerKeys[i] && outerKeys[i] >= 0;
            bool innerOn = inner.Kind == DistributionKind.Key && inner.Slices > 0 && inner.KeyColumn == innerKeys[i] && innerKeys[i] >= 0;
            if (outerOn && innerOn && outer.Slices == inner.Slices) return new(DistributionStep.DS_DIST_NONE);
            if (outerKeys[i] < 0 || innerKeys[i] < 0) continue;
            if (outerOn) outerOnly = i;
            else if (innerOn) innerOnly = i;
            else if (both < 0) both = i;
        }
        // A broadcast on several nodes would output the inner side's unmatched rows once per node, so joins that
        // output them redistribute whatever the sizes (on one node the broadcast copy is the only one).
        bool small = innerRows <= rules.BroadcastRowLimit || rules.BroadcastSizeRatio > 0 && innerRows * rules.BroadcastSizeRatio < outerRows;
        bool mayBroadcast = !rules.InnerRowsSurvive || rules.Nodes == 1;
        if (outerKeys.Count == 0 || small && mayBroadcast) return new(DistributionStep.DS_BCAST_INNER);
        if (outerOnly >= 0) return new(DistributionStep.DS_DIST_INNER, outerOnly, outer.Slices);
        if (innerOnly >= 0) return new(DistributionStep.DS_DIST_OUTER, innerOnly, inner.Slices);
        if (both >= 0) return new(DistributionStep.DS_DIST_BOTH, both, Math.Max(rules.DefaultSlices, Math.Max(outer.Slices, inner.Slices)));
        return new(DistributionStep.DS_BCAST_INNER);
    }
}

/// <summary>What the join itself demands of its data movement.</summary>
/// <param name="BroadcastRowLimit">Inner sides estimated at or below this many rows are broadcast.</param>
/// <param name="BroadcastSizeRatio">Inner sides this many times smaller than the outer side are broadcast too (0: never by ratio).</param>
/// <param name="NeedsWholeInner">The join's answer depends on the whole inner side (NOT IN, mark joins): never redistribute.</param>
/// <param name="InnerRowsSurvive">Unmatched inner rows are output (outer joins preserving the build side): on several nodes, never broadcast when redistribution is possible.</param>
/// <param name="DefaultSlices">Slices of a DS_DIST_BOTH when neither side is on a key.</param>
/// <param name="Nodes">Nodes the query runs on (a broadcast makes one copy per node).</param>
public sealed record JoinMovementRules(double BroadcastRowLimit = DistributionPlanner.BroadcastRowLimit, double BroadcastSizeRatio = DistributionPlanner.BroadcastSizeRatio,
    bool NeedsWholeInner = false, bool InnerRowsSurvive = false,
    int DefaultSlices = DistributionPlanner.DefaultSlices, int Nodes = 1)
{
    public static readonly JoinMovementRules Default = new();
}
