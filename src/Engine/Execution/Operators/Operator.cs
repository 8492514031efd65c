using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>
/// A running operator instance for one partition: pulls batches from its inputs and returns its own.
/// <see cref="Next"/> returns null once exhausted. Calls are per batch, so virtual dispatch costs
/// nothing measurable; the work inside is typed loops over vectors.
/// </summary>
public abstract class Operator : IDisposable
{
    protected Operator(IReadOnlyList<SqlType> outputTypes) => OutputTypes = outputTypes;

    public IReadOnlyList<SqlType> OutputTypes { get; }

    /// <summary>The next non-empty batch, or null at the end.</summary>
    public abstract Batch? Next();

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    /// <summary>Drains an operator into a list (for materializing inputs and for tests).</summary>
    public static List<Batch> Drain(Operator op)
    {
        var list = new List<Batch>();
        while (op.Next() is { } batch) list.Add(batch);
        return list;
    }
}
