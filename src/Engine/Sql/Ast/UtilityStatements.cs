namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>Transaction control verbs.</summary>
public enum TransactionAction
{
    /// <summary>BEGIN [WORK|TRANSACTION] / START TRANSACTION.</summary>
    Begin,
    /// <summary>COMMIT [WORK|TRANSACTION] / END [WORK|TRANSACTION].</summary>
    Commit,
    /// <summary>ROLLBACK [WORK|TRANSACTION] / ABORT.</summary>
    Rollback,
}

/// <summary>
/// BEGIN/START TRANSACTION/COMMIT/END/ROLLBACK/ABORT. <see cref="IsolationLevel"/> is the lower-case
/// level named after BEGIN (e.g. "serializable", "read committed"), null when not given.
/// </summary>
public sealed record TransactionStatement(int Position, TransactionAction Action, string? IsolationLevel, bool? ReadOnly) : Statement(Position);

/// <summary>
/// <c>SET [SESSION|LOCAL] name {TO|=} value [, ...]</c>, <c>SET TIME ZONE value</c> (name "timezone"),
/// <c>SET name TO DEFAULT</c> (<see cref="ToDefault"/>). Values are text: identifiers lower-cased, string
/// literals unquoted, numbers as written.
/// </summary>
public sealed record SetStatement(int Position, string Name, IReadOnlyList<string> Values, bool ToDefault, bool Local) : Statement(Position);

/// <summary><c>SHOW name</c>, <c>SHOW ALL</c> (Name "all"), <c>SHOW TIME ZONE</c> (Name "timezone").</summary>
public sealed record ShowStatement(int Position, string Name) : Statement(Position);

/// <summary><c>RESET name</c> or <c>RESET ALL</c> (Name null).</summary>
public sealed record ResetStatement(int Position, string? Name) : Statement(Position);

/// <summary>
/// <c>ANALYZE [VERBOSE] [table [(cols)]] [PREDICATE COLUMNS | ALL COLUMNS]</c> or
/// <c>ANALYZE COMPRESSION [table [(cols)]] [COMPROWS n]</c>.
/// </summary>
public sealed record AnalyzeStatement(int Position, QualifiedName? Table, IReadOnlyList<string>? Columns, bool Compression, bool Verbose) : Statement(Position);

/// <summary>VACUUM variants (FULL is the Redshift default).</summary>
public enum VacuumMode { Full, SortOnly, DeleteOnly, Reindex, Recluster }

/// <summary><c>VACUUM [FULL|SORT ONLY|DELETE ONLY|REINDEX|RECLUSTER] [table] [TO n PERCENT] [BOOST]</c>.</summary>
public sealed record VacuumStatement(int Position, VacuumMode Mode, QualifiedName? Table, int? ThresholdPercent, bool Boost) : Statement(Position);
