using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>
/// Evaluates an expression on some rows of a batch only (CASE arms, AND/OR terms after the first,
/// COALESCE fallbacks): the rows are gathered into a smaller batch holding just the columns the expression
/// reads, so an untaken arm never runs on rows where it could fail (division by zero, bad casts).
/// </summary>
internal static class SubsetEvaluation
{
    public static ColumnVector Evaluate(CompiledExpression expression, Batch input, ReadOnlySpan<int> rows, QueryContext context)
    {
        if (rows.Length == input.RowCount) return expression.Evaluate(input, context);
        if (expression.ReferencedColumns is not { } referenced) return expression.Evaluate(VectorSelection.Take(input, rows), context);
        var columns = new ColumnVector[input.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = Placeholder(input.Columns[c], rows.Length);
        foreach (int c in referenced) columns[c] = VectorSelection.Take(input.Columns[c], rows);
        return expression.Evaluate(new Batch(columns, rows.Length), context);
    }

    private static ColumnVector Placeholder(ColumnVector column, int length) => ColumnVector.AllNull(column.Type, length);
}
