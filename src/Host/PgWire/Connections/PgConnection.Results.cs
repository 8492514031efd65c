using System.Globalization;
using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.PgWire.Protocol;
using ActorWarehouse.Host.PgWire.Types;

namespace ActorWarehouse.Host.PgWire.Connections;

internal sealed partial class PgConnection
{
    private TimeZones.Zone? _zone;
    private string? _zoneName;

    /// <summary>The session time zone for timestamptz text, or null when it is UTC (the formatter's '+00' form).</summary>
    private TimeZones.Zone? CurrentZone()
    {
        var name = Session.Settings.TimeZone;
        if (name == _zoneName) return _zone;
        _zoneName = name;
        _zone = null;
        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name.Equals("GMT", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            _zone = TimeZones.Find(name);
        }
        catch (SqlException)
        {
            // An unknown zone name: show UTC ('+00') rather than fail every query.
        }
        return _zone;
    }

    private void WriteRowDescription(IReadOnlyList<ResultColumn> columns, IReadOnlyList<short>? formats)
    {
        _writer.StartMessage(BackendMessageCode.RowDescription);
        _writer.WriteInt16((short)columns.Count);
        for (int i = 0; i < columns.Count; i++)
        {
            var type = columns[i].Type;
            _writer.WriteCString(columns[i].Name);
            _writer.WriteInt32(0); // table OID: not a plain column reference
            _writer.WriteInt16(0); // attribute number
            _writer.WriteInt32(PgTypes.Oid(type));
            _writer.WriteInt16(PgTypes.TypeLength(type));
            _writer.WriteInt32(PgTypes.TypeModifier(type));
            _writer.WriteInt16(formats is null ? (short)0 : formats[i]);
        }
        _writer.EndMessage();
    }

    private void WriteCommandComplete(string tag)
    {
        _writer.StartMessage(BackendMessageCode.CommandComplete);
        _writer.WriteCString(tag);
        _writer.EndMessage();
    }

    private void WriteNotices(QueryResult result)
    {
        foreach (var notice in result.Notices)
        {
            _writer.StartMessage(BackendMessageCode.NoticeResponse);
            WriteField((byte)'S', "NOTICE");
            WriteField((byte)'V', "NOTICE");
            WriteField((byte)'C', WireSqlState.SuccessfulCompletion);
            WriteField((byte)'M', notice);
            _writer.WriteByte(0);
            _writer.EndMessage();
        }
    }

    private void WriteError(SqlException error) =>
        WriteError(error.SqlState, error.Message, "ERROR", error.Position, error.Detail, error.Hint);

    private void WriteError(string sqlState, string message, string severity = "ERROR", int? position = null, string? detail = null, string? hint = null)
    {
        _writer.StartMessage(BackendMessageCode.ErrorResponse);
        WriteField((byte)'S', severity);
        WriteField((byte)'V', severity);
        WriteField((byte)'C', sqlState);
        WriteField((byte)'M', message);
        if (detail is not null) WriteField((byte)'D', detail);
        if (hint is not null) WriteField((byte)'H', hint);
        if (position is > 0) WriteField((byte)'P', position.Value.ToString(CultureInfo.InvariantCulture));
        _writer.WriteByte(0);
        _writer.EndMessage();
    }

    private void WriteField(byte code, string value)
    {
        _writer.WriteByte(code);
        _writer.WriteCString(value.Replace('\0', ' '));
    }

    /// <summary>Maps whatever a statement threw to an ErrorResponse; rethrows what must end the connection.</summary>
    private void WriteStatementError(Exception error)
    {
        switch (error)
        {
            case SqlException sql:
                WriteError(sql);
                break;
            case PgProtocolException { Fatal: false } data:
                WriteError(data.SqlState, data.Message);
                break;
            case OperationCanceledException:
                WriteError(WireSqlState.QueryCanceled, "canceling statement due to user request");
                break;
            default:
                _server.Log($"connection {ProcessId}: internal error {error.GetType().Name}: {error.Message}");
                WriteError(WireSqlState.InternalError, $"internal error: {error.Message}");
                break;
        }
    }

    /// <summary>True for errors a statement may raise that leave the connection usable.</summary>
    private bool IsStatementError(Exception error) => !_clientGone && !_reader.EndOfStream && error switch
    {
        PgProtocolException p => !p.Fatal,
        IOException or System.Net.Sockets.SocketException or ObjectDisposedException => false,
        OutOfMemoryException or StackOverflowException => false,
        _ => true,
    };
}
