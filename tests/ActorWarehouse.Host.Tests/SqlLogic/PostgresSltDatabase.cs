using System.Globalization;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.SqlLogic;
using Npgsql;

namespace ActorWarehouse.Host.Tests.SqlLogic;

/// <summary>
/// Runs test files against a real PostgreSQL (the corpus's reference behaviour), so the runner itself and
/// the DuckDB skip list can be checked independently of our engine. Values are mapped to the engine's
/// physical representation; PostgreSQL errors become <see cref="SqlException"/>s with their SQLSTATE.
/// </summary>
internal sealed class PostgresSltDatabase : ISltDatabase
{
    private readonly NpgsqlConnection _connection;

    public PostgresSltDatabase(int port, string database)
    {
        _connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Pooling=false;Command Timeout=300");
        _connection.Open();
    }

    public SltResultSet? Execute(string sql, CancellationToken cancellationToken)
    {
        try
        {
            using var command = new NpgsqlCommand(sql, _connection);
            using var reader = command.ExecuteReader();
            if (reader.FieldCount == 0) return null;
            var rows = new List<SltValue[]>();
            while (reader.Read())
            {
                var row = new SltValue[reader.FieldCount];
                for (int c = 0; c < reader.FieldCount; c++) row[c] = Value(reader.IsDBNull(c) ? null : reader.GetValue(c));
                rows.Add(row);
            }
            return new SltResultSet(reader.FieldCount, rows);
        }
        catch (PostgresException e)
        {
            throw new SqlException(e.SqlState, e.MessageText);
        }
    }

    private static SltValue Value(object? value) => value switch
    {
        null => new SltValue(null, SqlType.Text, null),
        // numeric: its text (PostgreSQL's scale), rendered by the letter like any other text.
        decimal d => new SltValue(d.ToString(CultureInfo.InvariantCulture), SqlType.Text, d.ToString(CultureInfo.InvariantCulture)),
        short s => new SltValue(s, SqlType.SmallInt, s.ToString(CultureInfo.InvariantCulture)),
        int i => new SltValue(i, SqlType.Integer, i.ToString(CultureInfo.InvariantCulture)),
        long l => new SltValue(l, SqlType.BigInt, l.ToString(CultureInfo.InvariantCulture)),
        double x => new SltValue(x, SqlType.Double, x.ToString("R", CultureInfo.InvariantCulture)),
        float f => new SltValue(f, SqlType.Real, f.ToString("R", CultureInfo.InvariantCulture)),
        bool b => new SltValue(b, SqlType.Boolean, b ? "t" : "f"),
        string s => new SltValue(s, SqlType.Text, s),
        _ => new SltValue(value.ToString(), SqlType.Text, value.ToString()),
    };

    public void Dispose() => _connection.Dispose();
}
