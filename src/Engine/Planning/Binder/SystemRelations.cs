using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>Built-in read-only relations (pg_catalog, information_schema, Redshift's system views), supplied by the session.</summary>
internal static class SystemRelations
{
    public static (LogicalPlan Plan, IReadOnlyList<string> Names)? TryBind(QueryBinder binder, string? schema, string name) =>
        binder.Context.SystemRelations?.Invoke(schema, name);
}
