using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using AstCopyOptions = ActorWarehouse.Engine.Sql.Ast.CopyOptions;
using CopyOptions = ActorWarehouse.Engine.Storage.CopyOptions;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>
    /// COPY table [(columns)] FROM 'file': storage's CopyReader parses the file into batches of the target columns;
    /// the other columns get their DEFAULT/IDENTITY/NULL; rows stream into one TableWriter. Rejected rows are kept
    /// for stl_load_errors; beyond MAXERROR the statement fails and nothing is written.
    /// </summary>
    private QueryResult ExecuteCopy(CopyStatement copy, Transaction transaction, CancellationToken ct)
    {
        if (copy.Direction == Sql.Ast.CopyDirection.To)
        {
            if (copy.Path is not null)
                throw new SqlException(SqlState.FeatureNotSupported, "COPY ... TO a file is not supported (use UNLOAD-free COPY ... TO STDOUT)", copy.Position + 1);
            return ExecuteCopyToStdout(copy, transaction, ct);
        }
        if (copy.Path is null && _copyStreams?.Input is null)
            throw new SqlException(SqlState.FeatureNotSupported, "COPY FROM STDIN needs the wire protocol's copy mode", copy.Position + 1);
        var (schema, table) = DmlTarget(copy.Table!, transaction, "copy into");
        var definition = table.Definition;
        var targets = TargetColumns(new InsertStatement(copy.Position, copy.Table!, copy.Columns, null), definition);
        // Without a column list and without EXPLICIT_IDS, IDENTITY columns are not in the file: they are generated.
        if (copy.Columns is null && !copy.Options.ExplicitIds) targets = targets.Where(o => definition.Columns[o].Identity is null).ToList();
        bool binary = copy.Options.Format == CopyFormat.Binary;
        if (binary && copy.Path is not null)
            throw new SqlException(SqlState.FeatureNotSupported, "COPY FORMAT BINARY is supported with STDIN and STDOUT only", copy.Position + 1);
        var options = binary ? new CopyOptions() : MapCopyOptions(copy.Options, copy.Position);
        var columns = targets.Select(o => new CopyColumn(definition.Columns[o].Name, definition.Columns[o].Type, definition.Columns[o].NotNull)).ToList();
        var reader = binary ? null : copy.Path is null
            ? StdinReader(copy, options, definition.Name, columns, _copyStreams!.Input!)
            : new CopyReader(copy.Path, definition.Name, columns, options);
        var source = reader?.ReadBatches(ct) ?? CopyProtocol.PgBinaryCopy.Read(_copyStreams!.Input!, columns.Select(c => c.Type).ToList(), ct);
        var started = DateTime.UtcNow;

        var binder = new QueryBinder(BinderContextFor(transaction));
        int width = definition.Columns.Count;
        var defaults = new object?[width];
        var generate = new bool[width];
        for (int c = 0; c < width; c++)
        {
            if (targets.Contains(c)) continue;
            var column = definition.Columns[c];
            if (column.Identity is not null) generate[c] = true;
            else defaults[c] = ConstantEvaluator.Evaluate(DefaultOf(column, binder));
        }
        if (!copy.Options.ExplicitIds)
        {
            // Redshift: without EXPLICIT_IDS an IDENTITY column cannot be a COPY target; it is generated.
            foreach (var o in targets)
                if (definition.Columns[o].Identity is not null)
                    throw new SqlException(SqlState.FeatureNotSupported,
                        $"cannot COPY into IDENTITY column \"{definition.Columns[o].Name}\" without EXPLICIT_IDS", copy.Position + 1);
        }

        var identityNext = table.IdentityNext.ToArray();
        var writer = new TableWriter(Warehouse.Blocks, definition.ToLayout(), table.Manifest);
        long rows = 0;
        try
        {
            foreach (var batch in source)
            {
                var full = new ColumnVector[width];
                for (int c = 0; c < width; c++)
                {
                    int k = targets.IndexOf(c);
                    full[c] = k >= 0 ? batch[k] : VectorBuilder.Build(definition.Columns[c].Type, Enumerable.Repeat(defaults[c], batch.RowCount).ToList());
                }
                var complete = FillIdentity([new Batch(full, batch.RowCount)], definition.Columns, generate, null, identityNext)[0];
                CheckNotNull([complete], definition);
                writer.Append(complete);
                rows += complete.RowCount;
            }
        }
        catch (CopyLoadException e)
        {
            RecordLoadErrors(started, definition, e.Errors);
            throw;
        }
        if (reader is not null) RecordLoadErrors(started, definition, reader.Errors);
        var manifest = rows == 0 ? table.Manifest : writer.Commit();
        transaction.Apply(transaction.Working.WithTable(table with { Manifest = manifest, IdentityNext = identityNext }),
            CatalogKeys.Table(schema, definition.Name));
        return QueryResult.Command($"COPY {rows}", rows);
    }

    private void RecordLoadErrors(DateTime started, TableDefinition definition, IReadOnlyList<LoadError> errors)
    {
        if (errors.Count > 0)
            Warehouse.RecordLoadErrors(errors.Select(e => new RecordedLoadError(started, definition.Name, definition.Id, e)));
    }

    private static CopyOptions MapCopyOptions(AstCopyOptions o, int position)
    {
        char? Single(string? text, string option)
        {
            if (text is null) return null;
            if (text.Length != 1)
                throw new SqlException(SqlState.InvalidParameterValue, $"COPY {option} must be a single one-byte character", position + 1);
            return text[0];
        }
        if (o.Escape)
            throw new SqlException(SqlState.FeatureNotSupported, "COPY ESCAPE is not supported", position + 1);
        if (o.EscapeCharacter is { } escape && escape != (o.Quote ?? "\""))
            throw new SqlException(SqlState.FeatureNotSupported, "COPY CSV ESCAPE other than the quote character is not supported", position + 1);
        if (o.Compression is not (CopyCompression.None or CopyCompression.Gzip))
            throw new SqlException(SqlState.FeatureNotSupported, $"COPY {o.Compression.ToString().ToUpperInvariant()} input is not supported", position + 1);
        if (o.Encoding is { } encoding && encoding is not ("UTF8" or "UTF-8"))
            throw new SqlException(SqlState.FeatureNotSupported, $"COPY ENCODING {encoding} is not supported", position + 1);
        if (o.AcceptAnyDate)
            throw new SqlException(SqlState.FeatureNotSupported, "COPY ACCEPTANYDATE is not supported", position + 1);
        return new CopyOptions
        {
            Csv = o.Format == CopyFormat.Csv,
            Delimiter = Single(o.Delimiter, "delimiter"),
            Quote = Single(o.Quote, "quote") ?? '"',
            IgnoreHeader = Math.Max(o.IgnoreHeader, o.Header ? 1 : 0),
            NullAs = o.NullAs,
            EmptyAsNull = o.EmptyAsNull,
            BlanksAsNull = o.BlanksAsNull,
            DateFormat = o.DateFormat ?? "auto",
            TimeFormat = o.TimeFormat ?? "auto",
            MaxError = o.MaxError,
            TruncateColumns = o.TruncateColumns,
            AcceptInvChars = o.AcceptInvChars is null ? null : (o.AcceptInvChars.Length > 0 ? o.AcceptInvChars[0] : '?'),
            FillRecord = o.FillRecord,
            IgnoreBlankLines = o.IgnoreBlankLines,
            TrimBlanks = o.TrimBlanks,
            RemoveQuotes = o.RemoveQuotes,
            Gzip = o.Compression == CopyCompression.Gzip,
        };
    }
}
