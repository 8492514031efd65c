using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// Aggregate state for many groups at once, kept in arrays indexed by group id (no object per group or row).
/// count(*) receives zero arguments. Groups never updated finish as count → 0, everything else → NULL.
/// </summary>
public interface IGroupedAggregate
{
    /// <summary>Grows the state so group ids 0..groupCount-1 are valid.</summary>
    void EnsureGroups(int groupCount);

    /// <summary>Folds rows 0..rowCount-1 into the groups <paramref name="groupIds"/>[row].</summary>
    void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount);

    /// <summary>Combines a partial state of the same aggregate: its group g goes into this group partialToThisGroup[g].</summary>
    void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup);

    /// <summary>The result for groups 0..groupCount-1.</summary>
    ColumnVector Finish(int groupCount);
}
