using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine;

/// <summary>Whether a statement runs the COPY sub-protocol, and in which direction.</summary>
public enum CopyDirection
{
    None,
    /// <summary>COPY ... FROM STDIN: the client streams rows to <see cref="CopyStreams.Input"/>.</summary>
    FromStdin,
    /// <summary>COPY table|(query) TO STDOUT: rows are written to <see cref="CopyStreams.Output"/>.</summary>
    ToStdout,
}

/// <summary>The client's side of COPY FROM STDIN / TO STDOUT (the wire server adapts CopyData messages to these).</summary>
public sealed class CopyStreams
{
    /// <summary>The data of COPY ... FROM STDIN, read to its end.</summary>
    public Stream? Input { get; init; }

    /// <summary>Receives the rows of COPY ... TO STDOUT (one write per row, in text or CSV form).</summary>
    public Stream? Output { get; init; }
}

/// <summary>
/// One parsed statement, ready to execute (possibly many times). From <see cref="Session.Prepare"/> its parameter and
/// result types are bound; from <see cref="Session.ParseStatements"/> they are empty until executed (a later statement of
/// a simple query may depend on an earlier one, so it is bound only when it runs).
/// </summary>
public sealed class PreparedStatement
{
    internal PreparedStatement(string sql, Statement? statement)
    {
        Sql = sql;
        Statement = statement;
        CommandName = statement is null ? "" : StatementCommands.Name(statement);
        Copy = statement is CopyStatement c
            ? (c.Path is not null ? CopyDirection.None : c.Direction == ActorWarehouse.Engine.Sql.Ast.CopyDirection.From ? CopyDirection.FromStdin : CopyDirection.ToStdout)
            : CopyDirection.None;
    }

    /// <summary>This statement's own text.</summary>
    public string Sql { get; }

    /// <summary>"SELECT", "INSERT", "CREATE TABLE", "COPY", ...; "" for an empty query.</summary>
    public string CommandName { get; }

    public CopyDirection Copy { get; }

    /// <summary>True for COPY ... (FORMAT BINARY): the copy streams carry PostgreSQL's binary COPY format, not text/CSV.</summary>
    public bool CopyBinary => Statement is CopyStatement { Options.Format: CopyFormat.Binary };

    /// <summary>Columns the COPY stream carries (known once bound; 0 before).</summary>
    public int CopyColumnCount { get; internal set; }

    /// <summary>Types of $1..$n (bound by Prepare).</summary>
    public IReadOnlyList<Types.SqlType> ParameterTypes { get; internal set; } = [];

    /// <summary>The result's columns; empty when the statement returns no rows.</summary>
    public IReadOnlyList<ResultColumn> ResultColumns { get; internal set; } = [];

    /// <summary>The whole string the statement was parsed from (AST and error positions are relative to it).</summary>
    internal string SourceText { get; init; } = "";

    /// <summary>Types the client declared for $1..$n (null entries: infer).</summary>
    internal IReadOnlyList<Types.SqlType?> DeclaredParameterTypes { get; init; } = [];

    /// <summary>The parsed statement; null for an empty query.</summary>
    internal Statement? Statement { get; }

    /// <summary>Catalog version the types were bound against (re-bound when the catalog moved on); -1 = never bound.</summary>
    internal long BoundCatalogVersion { get; set; } = -1;

    /// <summary>True when made by Prepare (its result columns are a promise to the client).</summary>
    internal bool IsPrepared { get; set; }
}
