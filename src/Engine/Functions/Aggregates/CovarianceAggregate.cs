using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>Two-variable statistics over rows where both y and x are non-NULL: covar_pop, covar_samp, corr.</summary>
internal sealed class CovarianceAggregate(CovarianceAggregate.Kind kind) : IGroupedAggregate
{
    public enum Kind { CovarPop, CovarSamp, Corr }

    private struct State
    {
        public long N;
        public double MeanX, MeanY, M2X, M2Y, Cxy;
    }

    private State[] _state = [];

    public void EnsureGroups(int groupCount) => GroupedState.Grow(ref _state, groupCount);

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        var ys = (ColumnVector<double>)args[0];
        var xs = (ColumnVector<double>)args[1];
        bool yc = Broadcast.IsConstant(ys, rowCount), xc = Broadcast.IsConstant(xs, rowCount);
        for (int i = 0; i < rowCount; i++)
        {
            int ry = yc ? 0 : i, rx = xc ? 0 : i;
            if (ys.IsNull(ry) || xs.IsNull(rx)) continue;
            double y = ys.Values[ry], x = xs.Values[rx];
            ref var s = ref _state[groupIds[i]];
            s.N++;
            double dx = x - s.MeanX;
            double dy = y - s.MeanY;
            s.MeanX += dx / s.N;
            s.MeanY += dy / s.N;
            s.M2X += dx * (x - s.MeanX);
            s.M2Y += dy * (y - s.MeanY);
            s.Cxy += dx * (y - s.MeanY);
        }
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = ((CovarianceAggregate)partial)._state;
        int count = Math.Min(partialToThisGroup.Length, other.Length);
        for (int g = 0; g < count; g++)
        {
            var b = other[g];
            if (b.N == 0) continue;
            ref var a = ref _state[partialToThisGroup[g]];
            if (a.N == 0) { a = b; continue; }
            long n = a.N + b.N;
            double dx = b.MeanX - a.MeanX, dy = b.MeanY - a.MeanY;
            double f = (double)a.N * b.N / n;
            a.M2X += b.M2X + dx * dx * f;
            a.M2Y += b.M2Y + dy * dy * f;
            a.Cxy += b.Cxy + dx * dy * f;
            a.MeanX += dx * b.N / n;
            a.MeanY += dy * b.N / n;
            a.N = n;
        }
    }

    public ColumnVector Finish(int groupCount)
    {
        EnsureGroups(groupCount);
        var result = new double[groupCount];
        ValidityBitmap? validity = null;
        for (int g = 0; g < groupCount; g++)
        {
            var s = _state[g];
            double? value = kind switch
            {
                Kind.CovarPop => s.N == 0 ? null : s.Cxy / s.N,
                Kind.CovarSamp => s.N < 2 ? null : s.Cxy / (s.N - 1),
                _ => s.N == 0 || s.M2X == 0 || s.M2Y == 0 ? null : s.Cxy / Math.Sqrt(s.M2X * s.M2Y),
            };
            if (value is { } v) { result[g] = v; continue; }
            validity ??= new ValidityBitmap(groupCount);
            validity.SetNull(g);
        }
        return new ColumnVector<double>(SqlType.Double, result, groupCount, validity);
    }
}
