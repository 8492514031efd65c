using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>Runs SQL on an in-memory warehouse and renders results as text rows (PostgreSQL output format).</summary>
internal sealed class SqlTestHelper : IDisposable
{
    public SqlTestHelper()
    {
        Warehouse = Warehouse.OpenInMemory();
        Session = Warehouse.OpenSession();
    }

    /// <summary>On a warehouse whose queries use at most <paramref name="maxDegreeOfParallelism"/> workers, whatever the machine.</summary>
    public SqlTestHelper(int maxDegreeOfParallelism)
    {
        Warehouse = Warehouse.OpenInMemory(maxDegreeOfParallelism);
        Session = Warehouse.OpenSession();
    }

    public Warehouse Warehouse { get; }

    public Session Session { get; }

    public IReadOnlyList<QueryResult> Run(string sql) => Session.Execute(sql);

    /// <summary>The rows of the last statement, each cell formatted (NULL as "NULL"), cells joined by '|'.</summary>
    public List<string> Rows(string sql)
    {
        var result = Session.Execute(sql)[^1];
        var rows = new List<string>();
        foreach (var batch in result.Batches)
            for (int r = 0; r < batch.RowCount; r++)
                rows.Add(string.Join("|", Enumerable.Range(0, result.Columns.Count).Select(c =>
                {
                    var value = batch[c].GetBoxed(r);
                    return value is null ? "NULL" : ValueFormatter.Format(value, result.Columns[c].Type) ?? "NULL";
                })));
        return rows;
    }

    public string Scalar(string sql) => Rows(sql).Single();

    public SqlException Error(string sql) => Assert.ThrowsAny<SqlException>(() => Session.Execute(sql));

    public void Dispose()
    {
        Session.Dispose();
        Warehouse.Dispose();
    }
}
