namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// A horizontal slice of a relation: equally long columns. Operators pass batches of up to
/// <see cref="DefaultCapacity"/> rows; a batch is never mutated once handed downstream.
/// </summary>
public sealed class Batch
{
    /// <summary>Rows per batch that operators aim for: large enough to amortise per-batch work, small enough for the L2 cache.</summary>
    public const int DefaultCapacity = 4096;

    public Batch(IReadOnlyList<ColumnVector> columns, int rowCount)
    {
        for (int i = 0; i < columns.Count; i++)
            if (columns[i].Length != rowCount)
                throw new ArgumentException($"column {i} has {columns[i].Length} rows, expected {rowCount}", nameof(columns));
        for (int i = 0; i < columns.Count; i++)
            if (columns[i] is ColumnVector<string>)
                throw new ArgumentException($"column {i} holds .NET strings; batches carry strings as StringVector (StringForms.Encode)", nameof(columns));
        Columns = columns;
        RowCount = rowCount;
    }

    public IReadOnlyList<ColumnVector> Columns { get; }

    public int RowCount { get; }

    public int ColumnCount => Columns.Count;

    public ColumnVector this[int column] => Columns[column];
}
