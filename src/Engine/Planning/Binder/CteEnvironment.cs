using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>The CTEs visible at a point of a query: innermost WITH first, each bound in the environment it was defined in.</summary>
internal sealed class CteEnvironment
{
    private readonly Dictionary<string, (CommonTableExpr Cte, CteEnvironment Env)> _ctes = new(StringComparer.Ordinal);

    public CteEnvironment(CteEnvironment? parent) => Parent = parent;

    public CteEnvironment? Parent { get; }

    public static readonly CteEnvironment Empty = new(null);

    public void Add(CommonTableExpr cte, CteEnvironment definedIn) => _ctes[cte.Name] = (cte, definedIn);

    public bool Contains(string name) => _ctes.ContainsKey(name);

    public (CommonTableExpr Cte, CteEnvironment Env)? Find(string name)
    {
        for (var env = this; env is not null; env = env.Parent)
            if (env._ctes.TryGetValue(name, out var found)) return found;
        return null;
    }
}
