using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>
/// listagg(x [, delimiter]) / string_agg(x, delimiter): non-NULL values joined in the order the caller feeds
/// rows (the executor sorts for WITHIN GROUP (ORDER BY ...)). One builder per group.
/// </summary>
internal sealed class ListAggAggregate : IGroupedAggregate
{
    private StringBuilder?[] _builders = [];
    private string _delimiter = "";

    public void EnsureGroups(int groupCount) => GroupedState.Grow(ref _builders, groupCount);

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        var values = (ColumnVector<string>)args[0];
        var delimiters = args.Length > 1 ? (ColumnVector<string>)args[1] : null;
        bool vc = Broadcast.IsConstant(values, rowCount);
        bool dc = delimiters is not null && Broadcast.IsConstant(delimiters, rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            int r = vc ? 0 : i;
            if (values.IsNull(r)) continue;
            string delimiter = "";
            if (delimiters is not null)
            {
                int rd = dc ? 0 : i;
                delimiter = delimiters.IsNull(rd) ? "" : delimiters.Values[rd];
                _delimiter = delimiter;
            }
            ref var builder = ref _builders[groupIds[i]];
            if (builder is null) builder = new StringBuilder(values.Values[r]);
            else builder.Append(delimiter).Append(values.Values[r]);
        }
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = (ListAggAggregate)partial;
        int count = Math.Min(partialToThisGroup.Length, other._builders.Length);
        string delimiter = other._delimiter.Length > 0 ? other._delimiter : _delimiter;
        for (int g = 0; g < count; g++)
        {
            var piece = other._builders[g];
            if (piece is null) continue;
            ref var builder = ref _builders[partialToThisGroup[g]];
            if (builder is null) builder = new StringBuilder().Append(piece);
            else builder.Append(delimiter).Append(piece);
        }
    }

    public ColumnVector Finish(int groupCount)
    {
        EnsureGroups(groupCount);
        var result = new string[groupCount];
        ValidityBitmap? validity = null;
        for (int g = 0; g < groupCount; g++)
        {
            if (_builders[g] is { } b) { result[g] = b.ToString(); continue; }
            validity ??= new ValidityBitmap(groupCount);
            validity.SetNull(g);
        }
        return new ColumnVector<string>(SqlType.Text, result, groupCount, validity);
    }
}
