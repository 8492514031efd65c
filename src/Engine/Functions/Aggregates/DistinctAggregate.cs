using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Aggregates;

/// <summary>
/// DISTINCT for any aggregate: a hash set of (group, value) pairs lets only the first occurrence of each
/// value per group reach the wrapped aggregate. Merging replays the partial's unseen pairs into this state.
/// </summary>
internal static class DistinctAggregate
{
    public static ResolvedAggregate Wrap(ResolvedAggregate inner)
    {
        if (inner.ParameterTypes.Count == 0) return inner; // count(DISTINCT *) does not exist; nothing to do
        var type = inner.ParameterTypes[0];
        var create = inner.Create;
        Func<IGroupedAggregate> wrapped = ColumnVector.PhysicalType(type) switch
        {
            var t when t == typeof(bool) => () => new DistinctAggregate<bool>(create(), type),
            var t when t == typeof(short) => () => new DistinctAggregate<short>(create(), type),
            var t when t == typeof(int) => () => new DistinctAggregate<int>(create(), type),
            var t when t == typeof(long) => () => new DistinctAggregate<long>(create(), type),
            var t when t == typeof(Int128) => () => new DistinctAggregate<Int128>(create(), type),
            var t when t == typeof(float) => () => new DistinctAggregate<float>(create(), type),
            var t when t == typeof(double) => () => new DistinctAggregate<double>(create(), type),
            var t when t == typeof(string) => () => new DistinctAggregate<string>(create(), type),
            _ => () => new DistinctAggregate<Interval>(create(), type),
        };
        return inner with { Create = wrapped, IsDistinct = true };
    }
}

internal sealed class DistinctAggregate<T>(IGroupedAggregate inner, SqlType type) : IGroupedAggregate
{
    private readonly HashSet<(int Group, T Value)> _seen = [];

    public void EnsureGroups(int groupCount) => inner.EnsureGroups(groupCount);

    public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount)
    {
        RememberExtraArgs(args);
        var arg = (ColumnVector<T>)args[0];
        bool constant = Broadcast.IsConstant(arg, rowCount);
        var rows = new List<int>();
        for (int i = 0; i < rowCount; i++)
        {
            int r = constant ? 0 : i;
            if (arg.IsNull(r)) continue;
            if (_seen.Add((groupIds[i], arg.Values[r]))) rows.Add(i);
        }
        if (rows.Count == 0) return;
        var selected = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var gathered = new ColumnVector[args.Length];
        for (int k = 0; k < args.Length; k++) gathered[k] = Gather(args[k], selected);
        var groups = new int[selected.Length];
        for (int i = 0; i < selected.Length; i++) groups[i] = groupIds[selected[i]];
        inner.Update(gathered, groups, selected.Length);
    }

    public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup)
    {
        var other = (DistinctAggregate<T>)partial;
        var values = new List<T>();
        var groups = new List<int>();
        foreach (var (group, value) in other._seen)
        {
            int target = partialToThisGroup[group];
            if (_seen.Add((target, value)))
            {
                values.Add(value);
                groups.Add(target);
            }
        }
        if (values.Count == 0) return;
        var vector = new ColumnVector<T>(type, values.ToArray(), values.Count);
        // Extra arguments of a distinct aggregate (listagg's delimiter) are constants; replay the partial's.
        ColumnVector[] args = other._extraArgs is null ? [vector] : Prepend(vector, other._extraArgs);
        inner.Update(args, groups.ToArray(), values.Count);
    }

    private ColumnVector[]? _extraArgs;

    private static ColumnVector[] Prepend(ColumnVector first, ColumnVector[] rest)
    {
        var all = new ColumnVector[rest.Length + 1];
        all[0] = first;
        Array.Copy(rest, 0, all, 1, rest.Length);
        return all;
    }

    /// <summary>Remembers constant extra arguments so a merge can replay rows with them.</summary>
    internal void RememberExtraArgs(ReadOnlySpan<ColumnVector> args)
    {
        if (args.Length <= 1 || _extraArgs is not null) return;
        _extraArgs = new ColumnVector[args.Length - 1];
        for (int k = 1; k < args.Length; k++) _extraArgs[k - 1] = Gather(args[k], [0]);
    }

    public ColumnVector Finish(int groupCount) => inner.Finish(groupCount);

    /// <summary>The rows of an argument; a one-row argument is a constant for every row (the kernels' convention).</summary>
    private static ColumnVector Gather(ColumnVector source, ReadOnlySpan<int> rows) =>
        VectorSelection.Take(source, source.Length == 1 ? (ReadOnlySpan<int>)new int[rows.Length] : rows);
}
