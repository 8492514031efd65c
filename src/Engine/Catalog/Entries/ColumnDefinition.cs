using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Catalog.Entries;

/// <summary>IDENTITY(seed, step): the next value to hand out is kept in the table entry and advanced on commit.</summary>
public sealed record IdentitySpec(long Seed, long Step);

/// <summary>
/// A table column. <paramref name="DefaultSql"/> is the DEFAULT expression's source text (re-parsed and bound at
/// INSERT time); <paramref name="Encoding"/> the ENCODE name as written ("" = automatic).
/// </summary>
public sealed record ColumnDefinition(string Name, SqlType Type, bool NotNull = false, string? DefaultSql = null,
    IdentitySpec? Identity = null, string Encoding = "");
