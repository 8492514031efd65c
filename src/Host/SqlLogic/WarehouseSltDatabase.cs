using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>A fresh in-memory warehouse with one session: what each test file runs against.</summary>
public sealed class WarehouseSltDatabase : ISltDatabase
{
    private readonly Warehouse _warehouse;
    private readonly Session _session;

    public WarehouseSltDatabase()
    {
        _warehouse = Warehouse.OpenInMemory();
        _session = _warehouse.OpenSession();
    }

    public SltResultSet? Execute(string sql, CancellationToken cancellationToken)
    {
        var results = _session.Execute(sql, cancellationToken);
        QueryResult? last = null;
        foreach (var result in results)
            if (result.ReturnsRows) last = result;
        return last is null ? null : ToResultSet(last);
    }

    public static SltResultSet ToResultSet(QueryResult result)
    {
        var rows = new List<SltValue[]>();
        foreach (var batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                var row = new SltValue[batch.ColumnCount];
                for (int c = 0; c < batch.ColumnCount; c++)
                {
                    var vector = batch[c];
                    object? value = vector.IsNull(r) ? null : vector.GetBoxed(r);
                    row[c] = new SltValue(value, vector.Type, value is null ? null : ValueFormatter.FormatForDisplay(value, vector.Type));
                }
                rows.Add(row);
            }
        }
        return new SltResultSet(result.Columns.Count, rows);
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
