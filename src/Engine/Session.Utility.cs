using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    private QueryResult ExecuteSet(SetStatement set)
    {
        if (set.ToDefault) Settings.Reset(set.Name);
        else Settings.Set(set.Name, string.Join(", ", set.Values));
        return QueryResult.Command("SET");
    }

    private QueryResult ExecuteShow(ShowStatement show)
    {
        if (show.Name.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            var all = Settings.All();
            var batch = new Columnar.Batch([
                VectorBuilder.Build(SqlType.Text, all.Select(kv => (object?)kv.Key).ToList()),
                VectorBuilder.Build(SqlType.Text, all.Select(kv => (object?)kv.Value).ToList())], all.Count);
            return new QueryResult("SHOW", [new ResultColumn("name", SqlType.Text), new ResultColumn("setting", SqlType.Text)], [batch], all.Count);
        }
        var value = Settings.Get(show.Name);
        var single = new Columnar.Batch([VectorBuilder.Build(SqlType.Text, [value])], 1);
        return new QueryResult("SHOW", [new ResultColumn(show.Name.ToLowerInvariant(), SqlType.Text)], [single], 1);
    }

    private QueryResult ExecuteReset(ResetStatement reset)
    {
        if (reset.Name is null) Settings.ResetAll();
        else Settings.Reset(reset.Name);
        return QueryResult.Command("RESET");
    }

    /// <summary>ANALYZE: row counts come from manifests, so statistics are always current; validates the table name.</summary>
    private QueryResult ExecuteAnalyze(AnalyzeStatement analyze, Transaction transaction)
    {
        if (analyze.Table is not null) DmlTarget(analyze.Table, transaction, "analyze");
        if (analyze.Compression)
            throw new SqlException(SqlState.FeatureNotSupported, "ANALYZE COMPRESSION is not supported", analyze.Position + 1);
        return QueryResult.Command("ANALYZE");
    }

    /// <summary>VACUUM rewrites slices with deleted rows and re-sorts by the sort key (one table or all tables).</summary>
    private QueryResult ExecuteVacuum(VacuumStatement vacuum, Transaction transaction)
    {
        if (transaction.IsExplicit)
            throw new SqlException(SqlState.ActiveSqlTransaction, "VACUUM cannot run inside a transaction block", vacuum.Position + 1);
        var tables = new List<(string Schema, Catalog.Entries.TableEntry Table)>();
        if (vacuum.Table is not null) tables.Add(DmlTarget(vacuum.Table, transaction, "vacuum"));
        else tables.AddRange(transaction.Working.Tables.Values.Select(t => (t.Definition.Schema, t)));
        foreach (var (schema, table) in tables)
        {
            var manifest = TableWriter.Vacuum(Warehouse.Blocks, table.Definition.ToLayout(), table.Manifest);
            if (!ReferenceEquals(manifest, table.Manifest))
                transaction.Apply(transaction.Working.WithTable(table with { Manifest = manifest }), CatalogKeys.Table(schema, table.Definition.Name));
        }
        return QueryResult.Command("VACUUM");
    }
}
