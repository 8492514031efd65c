using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Registration;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// Entry point of the functions library: resolves scalar functions, operators (by symbol: "+", "-", "*",
/// "/", "%", "=", "&lt;&gt;", "&lt;", "&lt;=", "&gt;", "&gt;=", "||", unary "neg", "not", "like", "ilike")
/// and aggregates for concrete argument types, PostgreSQL style.
/// </summary>
public static class FunctionRegistry
{
    private static readonly FunctionCatalog Catalog = BuiltIns.Create();

    /// <summary>The function or operator for these argument types; throws 42883 when nothing matches.</summary>
    public static ResolvedFunction ResolveScalar(string name, IReadOnlyList<SqlType> argTypes)
    {
        string key = Normalize(name);
        return Catalog.ResolveScalar(key, argTypes) ?? throw NoMatch(key, argTypes, isAggregate: false);
    }

    /// <summary>
    /// As <see cref="ResolveScalar(string, IReadOnlyList{SqlType})"/>, also told the values of constant arguments
    /// (physical values as the argument types store them; null for a non-constant or NULL argument). Some result
    /// types depend on them: round(numeric, 2) is numeric with scale 2, as in PostgreSQL.
    /// </summary>
    public static ResolvedFunction ResolveScalar(string name, IReadOnlyList<SqlType> argTypes, IReadOnlyList<object?> constantArgs)
    {
        string key = Normalize(name);
        return Catalog.ResolveScalar(key, argTypes, constantArgs) ?? throw NoMatch(key, argTypes, isAggregate: false);
    }

    /// <summary>The aggregate for these argument types (count(*) has none); throws 42883 when nothing matches.</summary>
    public static ResolvedAggregate ResolveAggregate(string name, IReadOnlyList<SqlType> argTypes, bool distinct)
    {
        string key = Normalize(name);
        var resolved = Catalog.ResolveAggregate(key, argTypes, distinct) ?? throw NoMatch(key, argTypes, isAggregate: true);
        return distinct ? Aggregates.DistinctAggregate.Wrap(resolved) : resolved;
    }

    /// <summary>True when <paramref name="name"/> names an aggregate (so the binder knows a call groups rows).</summary>
    public static bool IsAggregate(string name) => Catalog.IsAggregate(Normalize(name));

    /// <summary>True when <paramref name="name"/> names a scalar function or operator.</summary>
    public static bool IsScalar(string name) => Catalog.IsScalar(Normalize(name));

    private static string Normalize(string name) => name.ToLowerInvariant();

    private static SqlException NoMatch(string name, IReadOnlyList<SqlType> args, bool isAggregate)
    {
        const string Hint = "No function matches the given name and argument types. You might need to add explicit type casts.";
        if (!isAggregate && IsOperatorSymbol(name))
        {
            string text = args.Count == 1
                ? $"operator does not exist: {OperatorSpelling(name)} {args[0]}"
                : $"operator does not exist: {args[0]} {OperatorSpelling(name)} {args[1]}";
            return new SqlException(SqlState.UndefinedFunction, text,
                hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");
        }
        string list = string.Join(", ", args.Select(a => a.ToString()));
        return new SqlException(SqlState.UndefinedFunction, $"function {name}({list}) does not exist", hint: Hint);
    }

    private static bool IsOperatorSymbol(string name) =>
        name is "+" or "-" or "*" or "/" or "%" or "^" or "=" or "<>" or "<" or "<=" or ">" or ">=" or "||" or "neg" or "not" or "like" or "ilike" or "~" or "~*" or "!~" or "!~*";

    private static string OperatorSpelling(string name) => name switch
    {
        "neg" => "-",
        "like" => "~~",
        "ilike" => "~~*",
        _ => name,
    };
}
