using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>Types and scales a fold needs to finish (decimal averages rescale, for instance).</summary>
internal readonly record struct AggregateShape(SqlType InputType, SqlType ResultType);

/// <summary>How a single-argument aggregate folds values; static so the JIT inlines it into the group loop.</summary>
internal interface IFold<TIn, TAcc, TOut>
{
    static abstract TAcc Init(TIn value);
    static abstract TAcc Add(TAcc acc, TIn value);
    static abstract TAcc Combine(TAcc a, TAcc b);
    static abstract TOut Finish(TAcc acc, in AggregateShape shape);
}

/// <summary>
/// A grouped aggregate over one argument that ignores NULLs: per group an accumulator and a "seen a value"
/// flag; groups without values finish as NULL. Arithmetic overflow surfaces as 22003 for the result type.
/// </summary>
internal sealed class FoldAggregate<TIn, TAcc, TOut, TFold>(AggregateShape shape) : IGroupedAggregate
    where TFold : IFold<TIn, TAcc, TOut>
{
    private TAcc[] _acc = [];
    private bool[] _has = [];

    public void EnsureGroups(int groupCount)
    {
        GroupedState.Grow(ref _acc, groupCount);
        GroupedState.Grow(ref _has, groupCount);
    }

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        var arg = (ColumnVector<TIn>)args[0];
        var values = arg.Values;
        var acc = _acc;
        var has = _has;
        try
        {
            if (Broadcast.IsConstant(arg, rowCount))
            {
                if (arg.IsNull(0)) return;
                var v = values[0];
                for (int i = 0; i < rowCount; i++)
                {
                    int g = groupIds[i];
                    acc[g] = has[g] ? TFold.Add(acc[g], v) : TFold.Init(v);
                    has[g] = true;
                }
                return;
            }
            var validity = arg.Validity;
            if (validity is null)
            {
                for (int i = 0; i < rowCount; i++)
                {
                    int g = groupIds[i];
                    acc[g] = has[g] ? TFold.Add(acc[g], values[i]) : TFold.Init(values[i]);
                    has[g] = true;
                }
            }
            else
            {
                for (int i = 0; i < rowCount; i++)
                {
                    if (!validity.IsValid(i)) continue;
                    int g = groupIds[i];
                    acc[g] = has[g] ? TFold.Add(acc[g], values[i]) : TFold.Init(values[i]);
                    has[g] = true;
                }
            }
        }
        catch (OverflowException)
        {
            throw DataErrors.OutOfRange(shape.ResultType);
        }
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = (FoldAggregate<TIn, TAcc, TOut, TFold>)partial;
        try
        {
            int count = Math.Min(partialToThisGroup.Length, other._has.Length);
            for (int g = 0; g < count; g++)
            {
                if (!other._has[g]) continue;
                int target = partialToThisGroup[g];
                _acc[target] = _has[target] ? TFold.Combine(_acc[target], other._acc[g]) : other._acc[g];
                _has[target] = true;
            }
        }
        catch (OverflowException)
        {
            throw DataErrors.OutOfRange(shape.ResultType);
        }
    }

    public ColumnVector Finish(int groupCount)
    {
        EnsureGroups(groupCount);
        var result = new TOut[groupCount];
        ValidityBitmap? validity = null;
        try
        {
            for (int g = 0; g < groupCount; g++)
            {
                if (_has[g]) { result[g] = TFold.Finish(_acc[g], shape); continue; }
                validity ??= new ValidityBitmap(groupCount);
                validity.SetNull(g);
            }
        }
        catch (OverflowException)
        {
            throw DataErrors.OutOfRange(shape.ResultType);
        }
        return new ColumnVector<TOut>(shape.ResultType, result, groupCount, validity);
    }
}
