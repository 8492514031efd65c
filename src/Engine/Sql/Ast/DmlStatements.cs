namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>
/// <c>INSERT INTO t [(cols)] {VALUES (...), ... | query | DEFAULT VALUES}</c>. <see cref="Source"/> is null
/// for DEFAULT VALUES; VALUES rows may contain <see cref="DefaultValueExpr"/>.
/// </summary>
public sealed record InsertStatement(int Position, QualifiedName Table, IReadOnlyList<string>? Columns, Query? Source) : Statement(Position);

/// <summary><c>column = value</c> in UPDATE ... SET (value may be <see cref="DefaultValueExpr"/>).</summary>
public sealed record Assignment(int Position, string Column, Expr Value) : Node(Position);

/// <summary><c>UPDATE t [[AS] alias] SET col = expr, ... [FROM items] [WHERE cond]</c>.</summary>
public sealed record UpdateStatement(
    int Position,
    QualifiedName Table,
    string? Alias,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<TableRef> From,
    Expr? Where) : Statement(Position);

/// <summary><c>DELETE [FROM] t [[AS] alias] [USING items] [WHERE cond]</c>.</summary>
public sealed record DeleteStatement(int Position, QualifiedName Table, string? Alias, IReadOnlyList<TableRef> Using, Expr? Where) : Statement(Position);

/// <summary><c>TRUNCATE [TABLE] a [, b]</c>.</summary>
public sealed record TruncateStatement(int Position, IReadOnlyList<QualifiedName> Tables) : Statement(Position);

/// <summary>Direction of a COPY.</summary>
public enum CopyDirection { From, To }

/// <summary>File format of a COPY.</summary>
public enum CopyFormat
{
    /// <summary>Delimited text (Redshift default delimiter '|', PostgreSQL default tab for FROM STDIN/TO STDOUT).</summary>
    Text,
    Csv,
    /// <summary>PostgreSQL's binary COPY format (FROM STDIN / TO STDOUT only).</summary>
    Binary,
}

/// <summary>Compression of the COPY source.</summary>
public enum CopyCompression { None, Gzip, Bzip2, Zstd, Lzop }

/// <summary>
/// COPY options in Redshift and PostgreSQL spellings. Null means "not written" so the consumer applies
/// the default for the statement's form. Credentials (IAM_ROLE, CREDENTIALS, ACCESS_KEY_ID, ...),
/// REGION, COMPUPDATE, STATUPDATE, COMPROWS and MANIFEST are accepted and listed in
/// <see cref="IgnoredOptions"/> (lower case) since local files need none of them.
/// </summary>
public sealed record CopyOptions
{
    public CopyFormat Format { get; init; } = CopyFormat.Text;
    public string? Delimiter { get; init; }
    /// <summary>CSV quote character.</summary>
    public string? Quote { get; init; }
    /// <summary>PostgreSQL CSV ESCAPE 'c'.</summary>
    public string? EscapeCharacter { get; init; }
    /// <summary>Redshift ESCAPE flag: backslash escapes in text input.</summary>
    public bool Escape { get; init; }
    /// <summary>IGNOREHEADER n (PostgreSQL HEADER sets 1).</summary>
    public int IgnoreHeader { get; init; }
    /// <summary>PostgreSQL HEADER (TO: write a header line).</summary>
    public bool Header { get; init; }
    public CopyCompression Compression { get; init; } = CopyCompression.None;
    public string? NullAs { get; init; }
    public string? DateFormat { get; init; }
    public string? TimeFormat { get; init; }
    /// <summary>MAXERROR n (0 = fail on the first bad row).</summary>
    public int MaxError { get; init; }
    public bool EmptyAsNull { get; init; }
    public bool BlanksAsNull { get; init; }
    /// <summary>ACCEPTINVCHARS [AS 'c']: replacement character ("?" when none given); null when not set.</summary>
    public string? AcceptInvChars { get; init; }
    public bool AcceptAnyDate { get; init; }
    public bool TruncateColumns { get; init; }
    public bool RemoveQuotes { get; init; }
    public bool TrimBlanks { get; init; }
    public bool FillRecord { get; init; }
    public bool IgnoreBlankLines { get; init; }
    public bool ExplicitIds { get; init; }
    /// <summary>ENCODING [AS] name, upper case (UTF8, UTF16, ...).</summary>
    public string? Encoding { get; init; }
    /// <summary>Options that were accepted but have no effect here, lower case.</summary>
    public IReadOnlyList<string> IgnoredOptions { get; init; } = [];
}

/// <summary>
/// COPY. FROM: <c>COPY t [(cols)] FROM {'path' | STDIN} [WITH] options</c> (<see cref="Table"/> set).
/// TO: <c>COPY {t [(cols)] | (query)} TO {'path' | STDOUT} [WITH] options</c>. <see cref="Path"/> is
/// null for STDIN/STDOUT.
/// </summary>
public sealed record CopyStatement(
    int Position,
    CopyDirection Direction,
    QualifiedName? Table,
    IReadOnlyList<string>? Columns,
    Query? Query,
    string? Path,
    CopyOptions Options) : Statement(Position);
