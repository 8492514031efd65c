using ActorWarehouse.Engine.CopyProtocol;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using StorageCopyOptions = ActorWarehouse.Engine.Storage.CopyOptions;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>The columns a COPY moves: the table's (or the listed ones), or the query's result columns.</summary>
    private IReadOnlyList<ResultColumn> CopyColumns(CopyStatement copy, Transaction transaction)
    {
        if (copy.Query is not null) return BindForDescribe(copy.Query, transaction);
        var (_, table) = DmlTarget(copy.Table!, transaction, copy.Direction == Sql.Ast.CopyDirection.From ? "copy into" : "copy from");
        var definition = table.Definition;
        var targets = TargetColumns(new InsertStatement(copy.Position, copy.Table!, copy.Columns, null), definition);
        if (copy.Direction == Sql.Ast.CopyDirection.From && copy.Columns is null && !copy.Options.ExplicitIds)
            targets = targets.Where(o => definition.Columns[o].Identity is null).ToList();
        return targets.Select(o => new ResultColumn(definition.Columns[o].Name, definition.Columns[o].Type)).ToList();
    }

    /// <summary>
    /// COPY ... FROM STDIN follows PostgreSQL: text format by default (tab delimiter, \N for NULL, backslash escapes, an
    /// optional "\." end line), or CSV. Text is turned into CSV on the fly so the storage reader sees exact values.
    /// </summary>
    private static CopyReader StdinReader(CopyStatement copy, StorageCopyOptions options, string tableName, IReadOnlyList<CopyColumn> columns, Stream input)
    {
        if (options.Csv) return CopyReader.FromStream(input, "STDIN", tableName, columns, options with { Delimiter = options.Delimiter ?? ',' });
        var csv = new PgTextToCsvStream(input, options.Delimiter ?? '\t', options.NullAs ?? "\\N");
        return CopyReader.FromStream(csv, "STDIN", tableName, columns, options with { Csv = true, Delimiter = ',', Quote = '"', NullAs = null });
    }

    /// <summary>COPY table [(columns)] | (query) TO STDOUT [text | CSV [HEADER]]: runs the query and streams its rows.</summary>
    private QueryResult ExecuteCopyToStdout(CopyStatement copy, Transaction transaction, CancellationToken ct)
    {
        var output = _copyStreams?.Output
            ?? throw new SqlException(SqlState.FeatureNotSupported, "COPY TO STDOUT needs the wire protocol's copy mode", copy.Position + 1);
        var o = copy.Options;
        if (o.Escape || o.Compression != CopyCompression.None)
            throw new SqlException(SqlState.FeatureNotSupported, "COPY TO STDOUT supports the text and CSV formats only", copy.Position + 1);
        var query = copy.Query ?? TableQuery(copy);
        var bound = new Planning.Binder.QueryBinder(BinderContextFor(transaction)).BindStatementQuery(query);
        var batches = RunPlan(bound.Plan, ct);
        if (o.Format == CopyFormat.Binary)
        {
            long written = PgBinaryCopy.Write(output, batches, bound.Names.Count, ct);
            return QueryResult.Command($"COPY {written}", written);
        }
        bool csv = o.Format == CopyFormat.Csv;
        char delimiter = o.Delimiter is { Length: 1 } d ? d[0] : csv ? ',' : '\t';
        if (o.Delimiter is { Length: not 1 })
            throw new SqlException(SqlState.InvalidParameterValue, "COPY delimiter must be a single one-byte character", copy.Position + 1);
        var writer = new CopyOutWriter(output, csv, delimiter, o.NullAs ?? (csv ? "" : "\\N"), o.Quote is { Length: 1 } q ? q[0] : '"');
        if (o.Header) writer.WriteHeader(bound.Names);
        long rows = 0;
        foreach (var batch in batches)
        {
            ct.ThrowIfCancellationRequested();
            rows += writer.WriteBatch(batch, bound.Names.Count);
        }
        return QueryResult.Command($"COPY {rows}", rows);
    }

    /// <summary>SELECT of a table's (listed) columns, for COPY table TO STDOUT.</summary>
    private static Query TableQuery(CopyStatement copy)
    {
        int at = copy.Position;
        IReadOnlyList<SelectItem> items = copy.Columns is null
            ? [new StarSelectItem(at, null)]
            : copy.Columns.Select(c => (SelectItem)new ExprSelectItem(at, new ColumnRef(at, [c]), null)).ToList();
        var select = new SelectQuery(at, false, items, [new NamedTableRef(at, copy.Table!, null)], null, [], null, []);
        return new Query(at, null, select, [], null, null);
    }
}
