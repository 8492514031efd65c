using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>
/// median(x) and percentile_cont(fraction, x) / percentile_disc(fraction, x) over DOUBLE PRECISION: values
/// are kept per group and sorted at the end (continuous: linear interpolation; discrete: first value whose
/// cumulative share reaches the fraction).
/// </summary>
internal sealed class PercentileAggregate(bool continuous, double? fixedFraction) : IGroupedAggregate
{
    private List<double>?[] _values = [];
    private double _fraction = fixedFraction ?? 0.5;

    public void EnsureGroups(int groupCount) => GroupedState.Grow(ref _values, groupCount);

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        if (fixedFraction is null && args.Length < 2)
            throw SqlException.NotSupported("percentile_cont/percentile_disc without the WITHIN GROUP value as second argument");
        var x = (ColumnVector<double>)args[fixedFraction is null ? 1 : 0];
        if (fixedFraction is null)
        {
            var fractions = (ColumnVector<double>)args[0];
            if (!fractions.IsNull(0))
            {
                _fraction = fractions.Values[0];
                if (_fraction is < 0 or > 1 || double.IsNaN(_fraction))
                    throw new SqlException(SqlState.NumericValueOutOfRange, $"percentile value {ValueFormatter.FormatDouble(_fraction)} is not between 0 and 1");
            }
        }
        bool constant = Broadcast.IsConstant(x, rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            int r = constant ? 0 : i;
            if (x.IsNull(r)) continue;
            (_values[groupIds[i]] ??= []).Add(x.Values[r]);
        }
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = (PercentileAggregate)partial;
        _fraction = other._fraction;
        int count = Math.Min(partialToThisGroup.Length, other._values.Length);
        for (int g = 0; g < count; g++)
            if (other._values[g] is { } list) (_values[partialToThisGroup[g]] ??= []).AddRange(list);
    }

    public ColumnVector Finish(int groupCount)
    {
        EnsureGroups(groupCount);
        var result = new double[groupCount];
        ValidityBitmap? validity = null;
        for (int g = 0; g < groupCount; g++)
        {
            var list = _values[g];
            if (list is null || list.Count == 0)
            {
                validity ??= new ValidityBitmap(groupCount);
                validity.SetNull(g);
                continue;
            }
            list.Sort(DoubleOrdering.Compare);
            result[g] = continuous ? Continuous(list, _fraction) : Discrete(list, _fraction);
        }
        return new ColumnVector<double>(SqlType.Double, result, groupCount, validity);
    }

    private static double Continuous(List<double> sorted, double fraction)
    {
        double position = fraction * (sorted.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = (int)Math.Ceiling(position);
        if (lower == upper) return sorted[lower];
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static double Discrete(List<double> sorted, double fraction)
    {
        int index = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
