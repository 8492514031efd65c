using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Execution.Operators.SetOperations;

/// <summary>UNION ALL: the rows of each input in turn.</summary>
public sealed class AppendOperator(IReadOnlyList<Operator> inputs) : Operator(inputs[0].OutputTypes)
{
    private int _current;

    public override Batch? Next()
    {
        while (_current < inputs.Count)
        {
            if (inputs[_current].Next() is { } batch) return batch;
            _current++;
        }
        return null;
    }

    public override void Dispose()
    {
        foreach (var input in inputs) input.Dispose();
        base.Dispose();
    }
}
