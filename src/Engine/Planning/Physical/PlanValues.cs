using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>Constant rows (VALUES, SELECT without FROM), evaluated at run time (now() is per statement).</summary>
public sealed class PlanValues(IReadOnlyList<SqlType> types, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<CompiledExpression>> rows)
    : PhysicalNode(types, names, rows.Count)
{
    private static readonly Batch OneRow = new([], 1);

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context)
    {
        var batches = new List<Batch>();
        for (int start = 0; start < rows.Count; start += Batch.DefaultCapacity)
        {
            int count = Math.Min(Batch.DefaultCapacity, rows.Count - start);
            var columns = new ColumnVector[OutputTypes.Count];
            for (int c = 0; c < columns.Length; c++)
            {
                var parts = new ColumnVector[count];
                for (int r = 0; r < count; r++) parts[r] = rows[start + r][c].Evaluate(OneRow, context);
                columns[c] = VectorOps.Concat(OutputTypes[c], parts, "a VALUES list");
            }
            batches.Add(new Batch(columns, count));
        }
        return new BatchSourceOperator(OutputTypes, batches);
    }

    public override string ExplainLabel => "Result";
}

/// <summary>No rows (a filter folded to FALSE).</summary>
public sealed class PlanEmpty(IReadOnlyList<SqlType> types, IReadOnlyList<string> names) : PhysicalNode(types, names, 0)
{
    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [];

    public override Operator Open(int partition, QueryContext context) => new BatchSourceOperator(OutputTypes, []);

    public override string ExplainLabel => "Result";

    public override IEnumerable<string> ExplainDetails => ["One-Time Filter: false"];
}
