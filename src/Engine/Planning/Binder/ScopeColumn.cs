using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// A column visible to expressions of a query block. Its index in <see cref="Scope.Columns"/> is its ordinal in the
/// plan the scope describes. <paramref name="Table"/> is the FROM item's exposed name (alias or table name),
/// <paramref name="Schema"/> the table's schema when it was a catalog table without alias.
/// </summary>
internal sealed record ScopeColumn(string? Table, string Name, SqlType Type, string? Schema = null)
{
    /// <summary>Skipped by an unqualified <c>*</c> (the side copies of a USING/NATURAL join column).</summary>
    public bool HiddenFromStar { get; init; }

    /// <summary>Skipped by an unqualified name (the side copies of a USING/NATURAL join column).</summary>
    public bool HiddenFromUnqualified { get; init; }

    /// <summary>Identifies the FROM item the column came from (duplicate alias detection).</summary>
    public object? Origin { get; init; }
}
