using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>
/// <c>ALTER TABLE [IF EXISTS] name action</c>: one action per statement, as Redshift allows
/// (also <c>ALTER TABLE target APPEND FROM source</c>).
/// </summary>
public sealed record AlterTableStatement(int Position, QualifiedName Table, bool IfExists, AlterTableAction Action) : Statement(Position);

/// <summary>Base of ALTER TABLE actions.</summary>
public abstract record AlterTableAction(int Position) : Node(Position);

/// <summary><c>ADD [COLUMN] [IF NOT EXISTS] column-definition</c>.</summary>
public sealed record AddColumnAction(int Position, ColumnDefinition Column, bool IfNotExists) : AlterTableAction(Position);

/// <summary><c>DROP [COLUMN] [IF EXISTS] name [CASCADE|RESTRICT]</c>.</summary>
public sealed record DropColumnAction(int Position, string Column, bool IfExists, DropBehavior Behavior) : AlterTableAction(Position);

/// <summary><c>RENAME TO new_name</c>.</summary>
public sealed record RenameTableAction(int Position, string NewName) : AlterTableAction(Position);

/// <summary><c>RENAME [COLUMN] name TO new_name</c>.</summary>
public sealed record RenameColumnAction(int Position, string Column, string NewName) : AlterTableAction(Position);

/// <summary><c>ALTER [COLUMN] name [SET DATA] TYPE type</c> (Redshift: only growing a VARCHAR).</summary>
public sealed record AlterColumnTypeAction(int Position, string Column, SqlType Type) : AlterTableAction(Position);

/// <summary><c>ALTER [COLUMN] name ENCODE encoding</c> (lower case).</summary>
public sealed record AlterColumnEncodeAction(int Position, string Column, string Encoding) : AlterTableAction(Position);

/// <summary><c>ADD table_constraint</c> (informational).</summary>
public sealed record AddConstraintAction(int Position, TableConstraint Constraint) : AlterTableAction(Position);

/// <summary><c>DROP CONSTRAINT name [CASCADE|RESTRICT]</c>.</summary>
public sealed record DropConstraintAction(int Position, string Name, DropBehavior Behavior) : AlterTableAction(Position);

/// <summary><c>OWNER TO user</c>.</summary>
public sealed record OwnerToAction(int Position, string Owner) : AlterTableAction(Position);

/// <summary>
/// <c>ALTER DISTSTYLE {ALL|EVEN|AUTO|KEY DISTKEY col}</c> or <c>ALTER DISTKEY col</c> (then
/// <see cref="Style"/> is KEY).
/// </summary>
public sealed record AlterDistributionAction(int Position, DistStyle Style, string? DistKey) : AlterTableAction(Position);

/// <summary>
/// <c>ALTER [COMPOUND|INTERLEAVED] SORTKEY (cols)</c>, <c>ALTER SORTKEY AUTO</c> or <c>ALTER SORTKEY NONE</c>
/// (<see cref="Style"/> null, no columns).
/// </summary>
public sealed record AlterSortKeyAction(int Position, SortKeyStyle? Style, IReadOnlyList<string> Columns) : AlterTableAction(Position);

/// <summary><c>ALTER ENCODE AUTO</c>.</summary>
public sealed record AlterEncodeAutoAction(int Position) : AlterTableAction(Position);

/// <summary><c>APPEND FROM source [IGNOREEXTRA | FILLTARGET]</c>: moves the source's rows into the target.</summary>
public sealed record AppendFromAction(int Position, QualifiedName Source, bool IgnoreExtra, bool FillTarget) : AlterTableAction(Position);
