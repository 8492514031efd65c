using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Surface;

/// <summary>Formats query results as text rows (cells joined by '|', NULL as "NULL") for the client-surface tests.</summary>
internal static class SurfaceTestHelper
{
    public static List<string> Rows(QueryResult result)
    {
        var rows = new List<string>();
        foreach (var batch in result.Batches)
            for (int r = 0; r < batch.RowCount; r++)
                rows.Add(string.Join("|", Enumerable.Range(0, result.Columns.Count).Select(c =>
                    ValueFormatter.Format(batch[c], r) ?? "NULL")));
        return rows;
    }

    public static List<string> Rows(Session session, string sql) => Rows(session.Execute(sql)[^1]);

    public static QueryResult Run(Session session, string sql, params object?[] parameters)
    {
        var prepared = session.Prepare(sql, []);
        return session.Execute(prepared, parameters, null, CancellationToken.None);
    }
}
