using System.Globalization;
using System.Text.RegularExpressions;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using Npgsql;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>Where `aw slt --host` connects: a server speaking the PostgreSQL protocol (an aw node, or PostgreSQL itself).</summary>
public sealed record WireSltTarget(string Host, int Port, string User, string Password, string Database, bool NoTypeLoading = false)
{
    /// <summary>A data source for this target; NoTypeLoading skips Npgsql's pg_type queries at open (a built-in OID table instead).</summary>
    public NpgsqlDataSource CreateDataSource()
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        if (NoTypeLoading) builder.ConfigureTypeLoading(options => options.EnableTypeLoading(false));
        return builder.Build();
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = User,
        Password = Password,
        Database = Database,
        Pooling = false,
        Timeout = 30,
        CommandTimeout = 0, // the runner's --timeout cancels a record (CancelRequest) instead
        ApplicationName = "aw slt",
    }.ConnectionString;
}

/// <summary>
/// Runs a test file through the wire protocol with Npgsql, on one connection. Results are requested in
/// text format, so values are the server's own text output (what psql prints); the type OID of each
/// RowDescription field decides the physical value the renderer sees, mirroring
/// <see cref="WarehouseSltDatabase"/>. The server holds one database for all files, so the tables,
/// views, sequences and schemas a file creates are dropped when it ends (a fresh database per file, as in embedded mode).
/// </summary>
public sealed partial class WireSltDatabase : ISltDatabase
{
    private readonly NpgsqlDataSource _source;
    private readonly List<(string Kind, string Name)> _created = [];
    private NpgsqlConnection _connection;

    public WireSltDatabase(WireSltTarget target)
    {
        _source = target.CreateDataSource();
        try
        {
            _connection = _source.OpenConnection();
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    public SltResultSet? Execute(string sql, CancellationToken cancellationToken)
    {
        if (_connection.FullState != System.Data.ConnectionState.Open)
        {
            // The previous record broke the connection (server closed it, or a timeout cancelled it mid-stream).
            _connection.Dispose();
            _connection = _source.OpenConnection();
        }
        using var command = new NpgsqlCommand(sql, _connection) { AllResultTypesAreUnknown = true };
        using var cancel = cancellationToken.Register(static c => ((NpgsqlCommand)c!).Cancel(), command);
        try
        {
            SltResultSet? last = null;
            using (var reader = command.ExecuteReader())
            {
                do
                {
                    if (reader.FieldCount > 0) last = Read(reader);
                } while (reader.NextResult());
            }
            Track(sql);
            return last;
        }
        catch (PostgresException e)
        {
            throw new SqlException(e.SqlState, e.MessageText, e.Position > 0 ? e.Position : null, e.Detail, e.Hint);
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            if (_created.Count > 0) DropCreatedObjects();
        }
        finally
        {
            _source.Dispose();
        }
    }

    private void DropCreatedObjects()
    {
        // A new connection: the file's one may be broken or still busy after a timeout.
        try
        {
            using var cleanup = _source.OpenConnection();
            for (int i = _created.Count - 1; i >= 0; i--)
            {
                var (kind, name) = _created[i];
                using var drop = new NpgsqlCommand($"drop {kind} if exists {name}", cleanup);
                try { drop.ExecuteNonQuery(); }
                catch (PostgresException) { } // already dropped by the file, or a view that went with its table
            }
        }
        catch (NpgsqlException) { }
    }

    private static SltResultSet Read(NpgsqlDataReader reader)
    {
        int columns = reader.FieldCount;
        var oids = new uint[columns];
        for (int c = 0; c < columns; c++) oids[c] = reader.GetDataTypeOID(c);
        var rows = new List<SltValue[]>();
        while (reader.Read())
        {
            var row = new SltValue[columns];
            for (int c = 0; c < columns; c++)
                row[c] = reader.IsDBNull(c) ? new SltValue(null, WireTypes.SqlTypeOf(oids[c]), null) : WireTypes.Value(reader.GetString(c), oids[c]);
            rows.Add(row);
        }
        return new SltResultSet(columns, rows);
    }

    /// <summary>Remembers the tables, views, sequences and schemas a successful statement created, to drop them at the end of the file.</summary>
    private void Track(string sql)
    {
        foreach (Match match in CreatedObject().Matches(sql))
        {
            _created.Add((match.Groups[1].Value.ToLowerInvariant(), match.Groups[2].Value));
        }
    }

    [GeneratedRegex(@"(?:^|;)\s*create\s+(?:or\s+replace\s+)?(?:(?:temp|temporary)\s+)?(table|view|sequence|schema)\s+(?:if\s+not\s+exists\s+)?(""[^""]+""|[^\s(;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedObject();
}
