using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;
using ActorWarehouse.Host.PgWire.Types;

namespace ActorWarehouse.Host.PgWire.Connections;

internal sealed partial class PgConnection
{
    /// <summary>Parsed statements with the parameter type OIDs the client declared (echoed by Describe: drivers check them).</summary>
    private readonly Dictionary<string, (PreparedStatement Statement, int[] DeclaredOids)> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Portal> _portals = new(StringComparer.Ordinal);

    /// <summary>After an error in the extended protocol every message up to Sync is discarded.</summary>
    private bool _skipUntilSync;

    /// <summary>Runs one synchronous extended-protocol step; an error is reported and starts the skip to Sync.</summary>
    private void ExtendedStep(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (IsStatementError(e))
        {
            WriteStatementError(e);
            _skipUntilSync = true;
        }
    }

    /// <summary>Parse: name, SQL with $n, declared parameter type OIDs (0 = infer) → ParseComplete.</summary>
    private void HandleParse(ReadOnlySpan<byte> body)
    {
        var reader = new BodyReader(body);
        var name = reader.ReadCString();
        var sql = reader.ReadCString();
        int count = reader.ReadInt16();
        if (count < 0) throw new PgProtocolException("invalid parameter count in Parse message");
        var declared = new SqlType?[count];
        var oids = new int[count];
        for (int i = 0; i < count; i++)
        {
            oids[i] = reader.ReadInt32();
            declared[i] = oids[i] == 0 ? null : PgTypes.FromOid(oids[i]);
            if (declared[i] is null) oids[i] = 0;
        }
        reader.ExpectEnd();
        if (name.Length > 0 && _statements.ContainsKey(name))
            throw new PgProtocolException($"prepared statement \"{name}\" already exists", WireSqlState.DuplicatePreparedStatement);
        CheckNamedObjectLimit(name, _statements.Count);
        _statements[name] = (Session.Prepare(sql, declared), oids);
        _writer.WriteEmptyMessage(BackendMessageCode.ParseComplete);
    }

    /// <summary>Bind: portal, statement, parameter formats and values, result formats → BindComplete.</summary>
    private void HandleBind(ReadOnlySpan<byte> body)
    {
        var reader = new BodyReader(body);
        var portalName = reader.ReadCString();
        var statementName = reader.ReadCString();
        var parameterFormats = ReadFormatCodes(ref reader);
        int count = reader.ReadInt16();
        if (count < 0) throw new PgProtocolException("invalid parameter count in Bind message");
        var statement = FindStatement(statementName).Statement;
        var types = statement.ParameterTypes;
        if (count != types.Count)
            throw new PgProtocolException(
                $"bind message supplies {count} parameters, but prepared statement \"{statementName}\" requires {types.Count}", fatal: false);
        if (parameterFormats.Length > 1 && parameterFormats.Length != count)
            throw new PgProtocolException($"bind message has {parameterFormats.Length} parameter formats but {count} parameters", fatal: false);
        var values = new object?[count];
        for (int i = 0; i < count; i++)
        {
            int length = reader.ReadInt32();
            if (length < -1) throw new PgProtocolException("invalid parameter length in Bind message");
            if (length == -1) continue;
            var bytes = reader.ReadBytes(length);
            short format = parameterFormats.Length == 0 ? ParameterDecoder.TextFormat : parameterFormats[parameterFormats.Length == 1 ? 0 : i];
            values[i] = ParameterDecoder.Decode(bytes, format, types[i], i + 1);
        }
        var resultFormats = ReadFormatCodes(ref reader);
        reader.ExpectEnd();
        if (statement.ResultColumns.Count > 0 && Portal.ExpandFormats(resultFormats, statement.ResultColumns.Count) is null)
            throw new PgProtocolException(
                $"bind message has {resultFormats.Length} result formats but query has {statement.ResultColumns.Count} columns", fatal: false);
        if (portalName.Length > 0 && _portals.ContainsKey(portalName))
            throw new PgProtocolException($"cursor \"{portalName}\" already exists", "42P03");
        CheckNamedObjectLimit(portalName, _portals.Count);
        _portals[portalName] = new Portal(statement, values, resultFormats);
        _writer.WriteEmptyMessage(BackendMessageCode.BindComplete);
    }

    private static short[] ReadFormatCodes(ref BodyReader reader)
    {
        int count = reader.ReadInt16();
        if (count < 0) throw new PgProtocolException("invalid format code count");
        var codes = new short[count];
        for (int i = 0; i < count; i++)
        {
            codes[i] = reader.ReadInt16();
            if (codes[i] is not (ParameterDecoder.TextFormat or ParameterDecoder.BinaryFormat))
                throw new PgProtocolException($"unsupported format code: {codes[i]}", fatal: false);
        }
        return codes;
    }

    /// <summary>Describe 'S' → ParameterDescription + RowDescription/NoData; 'P' → RowDescription (with its formats)/NoData.</summary>
    private void HandleDescribe(ReadOnlySpan<byte> body)
    {
        var reader = new BodyReader(body);
        byte kind = reader.ReadByte();
        var name = reader.ReadCString();
        reader.ExpectEnd();
        if (kind == (byte)'S')
        {
            var (statement, declaredOids) = FindStatement(name);
            var types = statement.ParameterTypes;
            _writer.StartMessage(BackendMessageCode.ParameterDescription);
            _writer.WriteInt16((short)types.Count);
            for (int i = 0; i < types.Count; i++)
                _writer.WriteInt32(i < declaredOids.Length && declaredOids[i] != 0 ? declaredOids[i] : PgTypes.Oid(types[i]));
            _writer.EndMessage();
            if (statement.ResultColumns.Count == 0) _writer.WriteEmptyMessage(BackendMessageCode.NoData);
            else WriteRowDescription(statement.ResultColumns, null);
        }
        else if (kind == (byte)'P')
        {
            var portal = FindPortal(name);
            var columns = portal.Result?.Columns ?? portal.Statement.ResultColumns;
            if (columns.Count == 0) _writer.WriteEmptyMessage(BackendMessageCode.NoData);
            else WriteRowDescription(columns, Portal.ExpandFormats(portal.ResultFormats, columns.Count));
        }
        else throw new PgProtocolException($"invalid DESCRIBE message subtype {kind}");
    }

    /// <summary>Close 'S' or 'P' → CloseComplete (also when the name does not exist, as in PostgreSQL).</summary>
    private void HandleClose(ReadOnlySpan<byte> body)
    {
        var reader = new BodyReader(body);
        byte kind = reader.ReadByte();
        var name = reader.ReadCString();
        reader.ExpectEnd();
        if (kind == (byte)'S') _statements.Remove(name);
        else if (kind == (byte)'P') _portals.Remove(name);
        else throw new PgProtocolException($"invalid CLOSE message subtype {kind}");
        _writer.WriteEmptyMessage(BackendMessageCode.CloseComplete);
    }

    /// <summary>Execute: portal name, row limit (0 = all) → DataRows, then CommandComplete or PortalSuspended.</summary>
    private async Task HandleExecuteAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        try
        {
            var reader = new BodyReader(body.Span);
            var name = reader.ReadCString();
            int maxRows = reader.ReadInt32();
            reader.ExpectEnd();
            var portal = FindPortal(name);
            if (portal.Statement.CommandName.Length == 0)
            {
                _writer.WriteEmptyMessage(BackendMessageCode.EmptyQueryResponse);
                return;
            }
            // Everything up to Sync is one implicit transaction (PostgreSQL's rule for the extended protocol).
            Session.BeginImplicitTransaction();
            await ExecutePortalAsync(portal, Math.Max(0, maxRows), describe: false, ct);
        }
        catch (Exception e) when (IsStatementError(e))
        {
            WriteStatementError(e);
            _skipUntilSync = true;
        }
    }

    /// <summary>Sync: ends the implicit transaction (committed unless an error occurred) and error recovery; outside a transaction block portals end with it.</summary>
    private void HandleSync()
    {
        _session?.EndImplicitTransaction(success: !_skipUntilSync);
        _skipUntilSync = false;
        if (_session is { InTransaction: false }) _portals.Clear();
        WriteReadyForQuery();
    }

    private (PreparedStatement Statement, int[] DeclaredOids) FindStatement(string name) => _statements.TryGetValue(name, out var statement)
        ? statement
        : throw new PgProtocolException(
            name.Length == 0 ? "unnamed prepared statement does not exist" : $"prepared statement \"{name}\" does not exist",
            WireSqlState.InvalidSqlStatementName);

    private Portal FindPortal(string name) => _portals.TryGetValue(name, out var portal)
        ? portal
        : throw new PgProtocolException(
            name.Length == 0 ? "unnamed portal does not exist" : $"portal \"{name}\" does not exist", WireSqlState.InvalidCursorName);

    private void CheckNamedObjectLimit(string name, int count)
    {
        if (name.Length > 0 && count >= _server.Options.MaxNamedObjects)
            throw new PgProtocolException($"too many prepared statements or portals (limit {_server.Options.MaxNamedObjects})", WireSqlState.ProgramLimitExceeded);
    }
}
