namespace ActorWarehouse.Engine.Sql.Lexer;

/// <summary>
/// Keyword classes that restrict where a word may be used as a name, following PostgreSQL's
/// categories (reserved; type/function-name) plus Redshift's MINUS.
/// </summary>
internal static class Keywords
{
    /// <summary>PostgreSQL reserved keywords: never a column, table or bare alias name.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
        "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
        "unique", "user", "using", "variadic", "when", "where", "window", "with",
        // Redshift's MINUS (= EXCEPT). TOP stays a name: it is special only as SELECT TOP <number>.
        "minus",
    };

    /// <summary>Keywords that may name a function or type but not a column or table, nor be a bare alias.</summary>
    private static readonly HashSet<string> TypeFuncName = new(StringComparer.Ordinal)
    {
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
        "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
        "right", "similar", "tablesample", "verbose",
    };

    /// <summary>The restricted keywords with PostgreSQL's category code ('R' reserved, 'T' type/function name), sorted.</summary>
    public static IEnumerable<(string Word, char Category)> Restricted() =>
        Reserved.Select(w => (w, 'R')).Concat(TypeFuncName.Select(w => (w, 'T'))).OrderBy(k => k.Item1, StringComparer.Ordinal);

    /// <summary>True when <paramref name="word"/> (lower case) is a reserved keyword.</summary>
    public static bool IsReserved(string word) => Reserved.Contains(word);

    /// <summary>True when <paramref name="word"/> cannot be a column, table or unquoted alias name.</summary>
    public static bool IsNameRestricted(string word) => Reserved.Contains(word) || TypeFuncName.Contains(word);

    /// <summary>True when <paramref name="word"/> may be used as a function name.</summary>
    public static bool CanBeFunctionName(string word) => !Reserved.Contains(word);
}
