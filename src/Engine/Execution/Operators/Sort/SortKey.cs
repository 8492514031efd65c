namespace ActorWarehouse.Engine.Execution.Operators.Sort;

/// <summary>
/// One ORDER BY key over an input column. PostgreSQL's default places NULLs last for ascending and first
/// for descending order; <see cref="Default"/> applies that rule.
/// </summary>
public readonly record struct SortKey(int Column, bool Descending, bool NullsFirst)
{
    public static SortKey Default(int column, bool descending = false) => new(column, descending, NullsFirst: descending);
}
