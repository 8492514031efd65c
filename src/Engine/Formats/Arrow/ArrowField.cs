using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>One column of an Arrow schema, described with our SQL type.</summary>
public readonly record struct ArrowField(string Name, SqlType Type, bool Nullable = true);
