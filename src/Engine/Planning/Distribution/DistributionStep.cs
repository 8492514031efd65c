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

/// <summary>Chooses the data movement for a hash join from where its inputs live and how big the inner side is.</summary>
public static class DistributionPlanner
{
    /// <summary>Inner sides estimated below this many rows are broadcast rather than redistributed.</summary>
    public const double BroadcastRowLimit = 1_000_000;

    /// <param name="outer">Distribution of the outer (probe) side.</param>
    /// <param name="inner">Distribution of the inner (build) side.</param>
    /// <param name="outerKeys">Outer join-key column ordinals (pairs with <paramref name="innerKeys"/>).</param>
    /// <param name="innerKeys">Inner join-key column ordinals.</param>
    /// <param name="innerRows">Estimated rows of the inner side.</param>
    /// <param name="outerRows">Estimated rows of the outer side.</param>
    public static DistributionStep ChooseJoinStep(DataDistribution outer, DataDistribution inner, IReadOnlyList<int> outerKeys, IReadOnlyList<int> innerKeys, double innerRows, double outerRows)
    {
        if (inner.Kind == DistributionKind.All || inner.Kind == DistributionKind.Single && outer.Kind == DistributionKind.Single)
            return inner.Kind == DistributionKind.All ? DistributionStep.DS_DIST_ALL_NONE : DistributionStep.DS_DIST_NONE;
        if (outer.Kind == DistributionKind.All) return DistributionStep.DS_BCAST_INNER;
        int pair = -1;
        for (int i = 0; i < outerKeys.Count; i++)
        {
            bool outerOn = outer.Kind == DistributionKind.Key && outer.KeyColumn == outerKeys[i];
            bool innerOn = inner.Kind == DistributionKind.Key && inner.KeyColumn == innerKeys[i];
            if (outerOn && innerOn) return DistributionStep.DS_DIST_NONE;
            if (outerOn || innerOn) pair = i;
        }
        if (outerKeys.Count == 0 || innerRows <= BroadcastRowLimit || innerRows * 8 < outerRows) return DistributionStep.DS_BCAST_INNER;
        if (pair >= 0)
        {
            bool outerOnKey = outer.Kind == DistributionKind.Key && outer.KeyColumn == outerKeys[pair];
            return outerOnKey ? DistributionStep.DS_DIST_INNER : DistributionStep.DS_DIST_OUTER;
        }
        return DistributionStep.DS_DIST_BOTH;
    }
}
