using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Host.Cli.Output;

/// <summary>A statement result turned into text: one string per value (null for SQL NULL).</summary>
public static class ResultRows
{
    /// <summary>The PostgreSQL text form of every value, row by row (ValueFormatter of the engine's types).</summary>
    public static List<string?[]> Text(QueryResult result)
    {
        var rows = new List<string?[]>((int)Math.Min(result.RowsAffected, 1 << 20));
        foreach (var batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                var row = new string?[batch.ColumnCount];
                for (int c = 0; c < batch.ColumnCount; c++)
                {
                    var vector = batch[c];
                    row[c] = vector.IsNull(r) ? null : ValueFormatter.FormatForDisplay(vector.GetBoxed(r), vector.Type);
                }
                rows.Add(row);
            }
        }
        return rows;
    }

    public static int RowCount(QueryResult result)
    {
        int count = 0;
        foreach (var batch in result.Batches) count += batch.RowCount;
        return count;
    }
}
