using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>What binding reads: one catalog version, the block store its manifests point into, and session naming state.</summary>
public sealed record BinderContext(CatalogVersion Catalog, IBlockStore Blocks, IReadOnlyList<string> SearchPath)
{
    public string UserName { get; init; } = "aw";

    public string DatabaseName { get; init; } = "dev";

    /// <summary>Runs a plan during binding (recursive CTEs are computed to rows before the statement runs).</summary>
    public Func<Logical.LogicalPlan, IReadOnlyList<Columnar.Batch>>? Execute { get; init; }

    /// <summary>Resolves built-in relations (schema as written or null, name) not found in the catalog; null when unknown.</summary>
    public Func<string?, string, (Logical.LogicalPlan Plan, IReadOnlyList<string> Names)?>? SystemRelations { get; init; }

    /// <summary>Binds catalog functions (version(), pg_get_userbyid, format_type, ...) and casts to regclass/oid/name; null where unavailable.</summary>
    public ICatalogFunctionBinder? CatalogFunctions { get; init; }

    /// <summary>Binds nextval/currval/setval; null where sequences are not available (they then resolve as unknown functions).</summary>
    public ISequenceFunctionBinder? Sequences { get; init; }

    /// <summary>Values of $1..$n when a parameterized statement executes (bound as literals); null otherwise.</summary>
    public IReadOnlyList<(Types.SqlType Type, object? Value)>? Parameters { get; init; }

    /// <summary>Types of $1..$n when a plan is bound for any values (a cached plan): $n binds as a runtime <see cref="Bound.BoundParameter"/>.</summary>
    public IReadOnlyList<Types.SqlType>? GenericParameters { get; init; }

    /// <summary>Set while a statement is prepared: $n bind as <see cref="InferredParameter"/> whose types are inferred.</summary>
    public ParameterTypeCollector? ParameterInference { get; init; }

    /// <summary>The first existing schema of the search path (where unqualified CREATE puts objects).</summary>
    public string CurrentSchema => SearchPath.FirstOrDefault(Catalog.SchemaExists) ?? CatalogVersion.DefaultSchema;

    /// <summary>Parses PostgreSQL's search_path text ("$user", public) into schema names; "$user" is skipped.</summary>
    public static IReadOnlyList<string> ParseSearchPath(string text)
    {
        var list = new List<string>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            if (part.StartsWith('"') && part.EndsWith('"') && part.Length >= 2) part = part[1..^1];
            else part = part.ToLowerInvariant();
            if (part == "$user") continue;
            list.Add(part);
        }
        return list;
    }
}
