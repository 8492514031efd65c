using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// Lets functions written over .NET strings take and return batch-form string columns: arguments are decoded
/// before the call and a string result is encoded after it (see <see cref="StringForms"/>). Kernels that
/// work on <see cref="StringVector"/>s directly (comparisons, LIKE) are marked with <see cref="OnStringVectors"/>
/// and run as they are.
/// </summary>
public static class StringFormAdapters
{
    private sealed class Decoding(ScalarKernel inner)
    {
        public ColumnVector Invoke(ReadOnlySpan<ColumnVector> args, int rowCount, FunctionContext context) =>
            StringForms.Encode(inner(StringForms.DecodeAll(args), rowCount, context));
    }

    private sealed class Direct(ScalarKernel inner)
    {
        public ColumnVector Invoke(ReadOnlySpan<ColumnVector> args, int rowCount, FunctionContext context) => inner(args, rowCount, context);
    }

    /// <summary>Marks a kernel that reads and writes <see cref="StringVector"/>s itself.</summary>
    public static ScalarKernel OnStringVectors(ScalarKernel kernel) => kernel.Target is Direct ? kernel : new Direct(kernel).Invoke;

    /// <summary>The kernel as batches must call it: wrapped in decode/encode when strings are involved and it is not marked.</summary>
    public static ScalarKernel ForBatches(ScalarKernel kernel, SqlType returnType, IReadOnlyList<SqlType> parameterTypes)
    {
        if (kernel.Target is Decoding or Direct) return kernel;
        if (!InvolvesStrings(returnType, parameterTypes)) return kernel;
        return new Decoding(kernel).Invoke;
    }

    /// <summary>The aggregate factory as batches must call it (see <see cref="ForBatches(ScalarKernel, SqlType, IReadOnlyList{SqlType})"/>).</summary>
    public static Func<IGroupedAggregate> ForBatches(Func<IGroupedAggregate> create, SqlType returnType, IReadOnlyList<SqlType> parameterTypes)
    {
        if (create.Target is DecodingAggregateFactory) return create;
        if (!InvolvesStrings(returnType, parameterTypes)) return create;
        return new DecodingAggregateFactory(create).Create;
    }

    private static bool InvolvesStrings(SqlType returnType, IReadOnlyList<SqlType> parameterTypes)
    {
        if (IsString(returnType)) return true;
        foreach (var type in parameterTypes)
            if (IsString(type)) return true;
        return false;
    }

    private static bool IsString(SqlType type) => type.IsString || type.Id == TypeId.Unknown;

    private sealed class DecodingAggregateFactory(Func<IGroupedAggregate> inner)
    {
        public IGroupedAggregate Create() => new DecodingAggregate(inner());
    }

    private sealed class DecodingAggregate(IGroupedAggregate inner) : IGroupedAggregate
    {
        public void EnsureGroups(int groupCount) => inner.EnsureGroups(groupCount);

        public void Update(ReadOnlySpan<ColumnVector> args, ReadOnlySpan<int> groupIds, int rowCount) =>
            inner.Update(StringForms.DecodeAll(args), groupIds, rowCount);

        public void Merge(IGroupedAggregate partial, ReadOnlySpan<int> partialToThisGroup) =>
            inner.Merge(partial is DecodingAggregate d ? d.Inner : partial, partialToThisGroup);

        public ColumnVector Finish(int groupCount) => StringForms.Encode(inner.Finish(groupCount));

        private IGroupedAggregate Inner => inner;
    }
}
