using System.Collections.Concurrent;
using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sequences;

/// <summary>
/// Binds nextval('name'), currval('name') and setval('name', n [, is_called]) for one statement. The sequence is
/// looked up at bind time (PostgreSQL converts the name to regclass when the call is planned), so the kernels
/// close over its live counter; all three are volatile and never folded.
/// </summary>
internal sealed class SequenceFunctionBinder(SequenceCounters counters, ConcurrentDictionary<long, long> sessionLastValues,
    CatalogVersion catalog, IReadOnlyList<string> searchPath) : ISequenceFunctionBinder
{
    public BoundExpr Bind(string function, IReadOnlyList<BoundExpr> arguments, int position)
    {
        int expected = function == "setval" ? 2 : 1;
        if (arguments.Count != expected && !(function == "setval" && arguments.Count == 3))
            throw new SqlException(SqlState.UndefinedFunction, $"function {function} with {arguments.Count} arguments does not exist", position + 1,
                hint: "No function matches the given name and argument types. You might need to add explicit type casts.");
        if (arguments[0] is not BoundLiteral { Value: string or null } name)
            throw new SqlException(SqlState.FeatureNotSupported, $"{function} needs the sequence name as a string constant", position + 1);
        if (name.Value is not string text) return BoundLiteral.Null(SqlType.BigInt);
        var sequence = Resolve(text, position);
        var counter = counters.For(sequence, catalog);
        return function switch
        {
            "nextval" => new BoundFunctionCall(function, Volatile(function, [], NextVal(counter)), []),
            "currval" => new BoundFunctionCall(function, Volatile(function, [], CurrVal(sequence)), []),
            _ => SetVal(counter, arguments),
        };
    }

    private static ResolvedFunction Volatile(string name, IReadOnlyList<SqlType> parameters, ScalarKernel kernel) =>
        new(name, SqlType.BigInt, parameters, kernel) { IsVolatile = true };

    private ScalarKernel NextVal(SequenceCounter counter) => (_, rows, _) =>
    {
        var values = new long[rows];
        if (rows > 0)
        {
            try
            {
                counter.Next(values.AsSpan(0, rows));
                sessionLastValues[counter.Definition.Id] = values[rows - 1];
            }
            finally
            {
                counters.MarkMoved(counter);
            }
        }
        return new ColumnVector<long>(SqlType.BigInt, values, rows);
    };

    private ScalarKernel CurrVal(SequenceDefinition sequence) => (_, rows, _) =>
    {
        if (!sessionLastValues.TryGetValue(sequence.Id, out long last))
            throw new SqlException(SqlState.ObjectNotInPrerequisiteState, $"currval of sequence \"{sequence.Name}\" is not yet defined in this session");
        var values = new long[rows];
        values.AsSpan(0, rows).Fill(last);
        return new ColumnVector<long>(SqlType.BigInt, values, rows);
    };

    private BoundExpr SetVal(SequenceCounter counter, IReadOnlyList<BoundExpr> arguments)
    {
        var parameters = arguments.Count == 3 ? new[] { SqlType.BigInt, SqlType.Boolean } : new[] { SqlType.BigInt };
        var cast = new BoundExpr[parameters.Length];
        for (int i = 0; i < parameters.Length; i++) cast[i] = Coercion.Cast(arguments[i + 1], parameters[i]);
        ScalarKernel kernel = (args, rows, _) =>
        {
            var input = (ColumnVector<long>)args[0];
            var called = args.Length > 1 ? (ColumnVector<bool>)args[1] : null;
            var values = new long[rows];
            ValidityBitmap? validity = null;
            for (int i = 0; i < rows; i++)
            {
                // setval is strict: a NULL argument gives NULL and leaves the sequence alone.
                if (input.IsNull(i) || (called is not null && called.IsNull(i)))
                {
                    validity ??= new ValidityBitmap(rows);
                    validity.SetNull(i);
                    continue;
                }
                bool isCalled = called is null || called.Values[i];
                counter.Set(input.Values[i], isCalled);
                counters.MarkMoved(counter);
                if (isCalled) sessionLastValues[counter.Definition.Id] = input.Values[i];
                values[i] = input.Values[i];
            }
            return new ColumnVector<long>(SqlType.BigInt, values, rows, validity);
        };
        return new BoundFunctionCall("setval", Volatile("setval", parameters, kernel), cast);
    }

    /// <summary>The sequence a regclass-style name denotes: [schema.]name, unquoted parts folded to lower case.</summary>
    private SequenceDefinition Resolve(string text, int position)
    {
        var parts = SplitName(text);
        if (parts.Count is 0 or > 2)
            throw new SqlException(SqlState.InvalidParameterValue, $"invalid name syntax \"{text}\"", position + 1);
        var name = parts[^1];
        IEnumerable<string> schemas = parts.Count == 2 ? [parts[0]] : searchPath;
        foreach (var schema in schemas)
            if (catalog.FindSequence(schema, name) is { } found) return found;
        throw new SqlException(SqlState.UndefinedTable, $"relation \"{text}\" does not exist", position + 1);
    }

    private static List<string> SplitName(string text)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                int end = text.IndexOf('"', i + 1);
                if (end < 0) return [];
                parts.Add(text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                int end = text.IndexOf('.', i);
                if (end < 0) end = text.Length;
                parts.Add(text[i..end].Trim().ToLowerInvariant());
                i = end;
            }
            if (i < text.Length)
            {
                if (text[i] != '.') return [];
                i++;
            }
        }
        return parts;
    }
}
