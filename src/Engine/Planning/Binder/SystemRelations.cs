using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>Built-in read-only relations (load errors, catalog listings), supplied by the session as constant rows.</summary>
internal static class SystemRelations
{
    public static (LogicalPlan Plan, IReadOnlyList<string> Names)? TryBind(QueryBinder binder, string? schema, string name)
    {
        if (schema is not null && schema != "pg_catalog" && schema != "information_schema" && schema != "public") return null;
        return binder.Context.SystemRelations?.Invoke(name);
    }
}
