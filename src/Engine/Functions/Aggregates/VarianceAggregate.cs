using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>
/// stddev/variance family over DOUBLE PRECISION (exact inputs are cast to double by the binder; the
/// result is double precision, where PostgreSQL would return numeric for exact inputs).
/// A sample statistic of fewer than two rows is NULL, like PostgreSQL.
/// </summary>
internal sealed class VarianceAggregate<TKind> : IGroupedAggregate where TKind : IVarianceKind
{
    private Moments[] _moments = [];

    public void EnsureGroups(int groupCount) => GroupedState.Grow(ref _moments, groupCount);

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        var arg = (ColumnVector<double>)args[0];
        bool constant = Broadcast.IsConstant(arg, rowCount);
        var values = arg.Values;
        var moments = _moments;
        for (int i = 0; i < rowCount; i++)
        {
            int r = constant ? 0 : i;
            if (arg.IsNull(r)) continue;
            ref var m = ref moments[groupIds[i]];
            m = m.Count == 0 ? Moments.Of(values[r]) : Moments.Add(m, values[r]);
        }
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = ((VarianceAggregate<TKind>)partial)._moments;
        int count = Math.Min(partialToThisGroup.Length, other.Length);
        for (int g = 0; g < count; g++)
        {
            ref var m = ref _moments[partialToThisGroup[g]];
            m = Moments.Combine(m, other[g]);
        }
    }

    public ColumnVector Finish(int groupCount)
    {
        EnsureGroups(groupCount);
        var result = new double[groupCount];
        ValidityBitmap? validity = null;
        for (int g = 0; g < groupCount; g++)
        {
            double? value = _moments[g].Count == 0 ? null : TKind.Finish(_moments[g]);
            if (value is { } v) { result[g] = v; continue; }
            validity ??= new ValidityBitmap(groupCount);
            validity.SetNull(g);
        }
        return new ColumnVector<double>(SqlType.Double, result, groupCount, validity);
    }
}
