using System.Diagnostics;
using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Bench;

/// <summary>What loading one table took.</summary>
public sealed record TableLoad(string Table, long Rows, TimeSpan Elapsed);

/// <summary>Creates the TPC-H tables (Redshift DDL, replacing existing ones) and loads them with COPY.</summary>
public static class TpchLoader
{
    /// <summary>Whether all eight tables exist and hold rows (a warehouse loaded by an earlier run).</summary>
    public static bool IsLoaded(Session session, CancellationToken cancellationToken = default)
    {
        foreach (var table in TpchSchema.Tables)
        {
            try
            {
                var results = session.Execute($"select count(*) from {table}", cancellationToken);
                if (results.Count == 0 || results[^1].Batches is not [{ RowCount: 1 } batch] || batch[0].GetBoxed(0) is not long rows || rows == 0) return false;
            }
            catch (Engine.Errors.SqlException)
            {
                return false;
            }
        }
        return true;
    }

    public static IReadOnlyList<TableLoad> Load(Session session, string dataFolder, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = TpchSchema.Tables.ToDictionary(t => t, t => TpchSchema.DataFile(dataFolder, t)
            ?? throw new FileNotFoundException($"no {t}.tbl or {t}.tbl.gz in {dataFolder}"));
        var loads = new List<TableLoad>();
        foreach (var table in TpchSchema.Tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke($"loading {table} ...");
            var clock = Stopwatch.StartNew();
            session.Execute($"drop table if exists {table}", cancellationToken);
            session.Execute(TpchSchema.CreateTable(table), cancellationToken);
            var results = session.Execute(TpchSchema.Copy(table, files[table]), cancellationToken);
            long rows = results.Count > 0 ? results[^1].RowsAffected : 0;
            loads.Add(new TableLoad(table, rows, clock.Elapsed));
            progress?.Invoke($"loaded {table}: {rows:N0} rows in {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        return loads;
    }
}
