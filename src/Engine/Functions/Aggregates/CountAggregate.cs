using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>count(*) (no arguments: every row) and count(x) (rows where x is not NULL); empty groups give 0.</summary>
internal sealed class CountAggregate : IGroupedAggregate
{
    private long[] _counts = [];

    public void EnsureGroups(int groupCount) => GroupedState.Grow(ref _counts, groupCount);

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        var counts = _counts;
        if (args.Length == 0 || args[0].Validity is null)
        {
            if (args.Length > 0 && args[0].Length == 1 && rowCount > 1 && args[0].IsNull(0)) return;
            for (int i = 0; i < rowCount; i++) counts[groupIds[i]]++;
            return;
        }
        var arg = args[0];
        if (arg.Length == 1 && rowCount > 1)
        {
            if (arg.IsNull(0)) return;
            for (int i = 0; i < rowCount; i++) counts[groupIds[i]]++;
            return;
        }
        var validity = arg.Validity!;
        for (int i = 0; i < rowCount; i++)
            if (validity.IsValid(i)) counts[groupIds[i]]++;
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = ((CountAggregate)partial)._counts;
        for (int g = 0; g < partialToThisGroup.Length; g++) _counts[partialToThisGroup[g]] += other[g];
    }

    public ColumnVector Finish(int groupCount)
    {
        EnsureGroups(groupCount);
        var result = new long[groupCount];
        Array.Copy(_counts, result, groupCount);
        return new ColumnVector<long>(SqlType.BigInt, result, groupCount);
    }
}
