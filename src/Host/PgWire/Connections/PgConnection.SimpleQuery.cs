using ActorWarehouse.Engine;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;
using ActorWarehouse.Host.PgWire.Types;

namespace ActorWarehouse.Host.PgWire.Connections;

internal sealed partial class PgConnection
{
    private static readonly short[] NoFormats = [];

    /// <summary>
    /// Query: every statement of the string in turn, each with its RowDescription, DataRows (text) and
    /// CommandComplete; the first error ends the string; one ReadyForQuery at the end. Several statements run in the
    /// engine's implicit transaction block, as in PostgreSQL: an error undoes the earlier ones too.
    /// </summary>
    private async Task HandleQueryAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        bool success = false;
        try
        {
            var reader = new BodyReader(body.Span);
            var sql = reader.ReadCString();
            reader.ExpectEnd();
            var statements = Session.ParseStatements(sql);
            if (statements.Count == 0) _writer.WriteEmptyMessage(BackendMessageCode.EmptyQueryResponse);
            if (statements.Count > 1) Session.BeginImplicitTransaction();
            foreach (var statement in statements)
            {
                if (statement.CommandName.Length == 0)
                {
                    _writer.WriteEmptyMessage(BackendMessageCode.EmptyQueryResponse);
                    continue;
                }
                var portal = new Portal(statement, [], NoFormats);
                await ExecutePortalAsync(portal, maxRows: 0, describe: true, ct);
            }
            success = true;
        }
        catch (Exception e) when (IsStatementError(e))
        {
            WriteStatementError(e);
        }
        finally
        {
            _session?.EndImplicitTransaction(success);
        }
        WriteReadyForQuery();
        await _writer.FlushAsync(ct);
    }

    /// <summary>
    /// Runs a portal's statement (first time) and streams up to <paramref name="maxRows"/> rows (0 = all); ends with
    /// CommandComplete, or PortalSuspended when rows remain. <paramref name="describe"/> sends the RowDescription first
    /// (simple query; in the extended protocol Describe does).
    /// </summary>
    private async Task ExecutePortalAsync(Portal portal, int maxRows, bool describe, CancellationToken ct)
    {
        var statement = portal.Statement;
        var cancel = BeginStatement(watchSocket: statement.Copy != CopyDirection.FromStdin);
        try
        {
            if (portal.Result is null)
            {
                var copy = CreateCopyStreams(statement, cancel.Token);
                try
                {
                    portal.Result = Session.Execute(statement, portal.Parameters, copy, cancel.Token);
                }
                finally
                {
                    ThrowIfConnectionBroken();
                }
                if (copy is not null) await FinishCopyAsync(copy, statement, ct);
                WriteNotices(portal.Result);
                if (portal.Result.ReturnsRows)
                {
                    var columns = portal.Result.Columns;
                    var formats = Portal.ExpandFormats(portal.ResultFormats, columns.Count)
                        ?? throw new PgProtocolException($"bind message has {portal.ResultFormats.Length} result formats but query has {columns.Count} columns", WireSqlState.ProtocolViolation, fatal: false);
                    if (describe) WriteRowDescription(columns, formats);
                    portal.Encoder = new RowEncoder(columns, formats, CurrentZone());
                }
            }
            else if (portal.Completed)
            {
                WriteCommandComplete(ReplaceCount(portal.Result.CommandTag, 0));
                return;
            }

            if (portal.Encoder is null)
            {
                portal.Completed = true;
                WriteCommandComplete(portal.Result.CommandTag);
                return;
            }
            bool resumed = portal.BatchIndex > 0 || portal.RowIndex > 0;
            var (rows, exhausted) = await WriteRowsAsync(portal, maxRows, cancel.Token, ct);
            if (!exhausted)
            {
                _writer.WriteEmptyMessage(BackendMessageCode.PortalSuspended);
                return;
            }
            portal.Completed = true;
            WriteCommandComplete(resumed || maxRows > 0 ? ReplaceCount(portal.Result.CommandTag, rows) : portal.Result.CommandTag);
        }
        finally
        {
            EndStatement(cancel);
        }
    }

    /// <summary>Streams rows from the portal's position; flushes at message boundaries so memory stays bounded.</summary>
    private async ValueTask<(long Rows, bool Exhausted)> WriteRowsAsync(Portal portal, int maxRows, CancellationToken statementToken, CancellationToken ct)
    {
        var batches = portal.Result!.Batches;
        var encoder = portal.Encoder!;
        long rows = 0;
        while (portal.BatchIndex < batches.Count)
        {
            statementToken.ThrowIfCancellationRequested();
            var batch = batches[portal.BatchIndex];
            while (portal.RowIndex < batch.RowCount)
            {
                if (maxRows > 0 && rows == maxRows) return (rows, false);
                encoder.WriteRow(_writer, batch, portal.RowIndex++);
                rows++;
                if (_writer.ShouldFlush)
                {
                    await _writer.FlushAsync(ct);
                    statementToken.ThrowIfCancellationRequested();
                }
            }
            portal.BatchIndex++;
            portal.RowIndex = 0;
        }
        return (rows, true);
    }

    /// <summary>"SELECT 10" with another count (the rows of this Execute), for tags that carry one.</summary>
    private static string ReplaceCount(string tag, long rows)
    {
        int space = tag.LastIndexOf(' ');
        if (space < 0 || !long.TryParse(tag.AsSpan(space + 1), out _)) return tag;
        return string.Concat(tag.AsSpan(0, space + 1), rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
