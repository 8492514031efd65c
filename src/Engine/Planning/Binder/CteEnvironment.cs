using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// The CTEs visible at a point of a query: innermost WITH first. A CTE is either a query bound at each reference in
/// the environment it was defined in, or (recursive CTEs) rows already computed.
/// </summary>
internal sealed class CteEnvironment
{
    internal sealed record Entry(CommonTableExpr Cte, CteEnvironment Env, LogicalPlan? Rows = null, IReadOnlyList<string>? Names = null);

    private readonly Dictionary<string, Entry> _ctes = new(StringComparer.Ordinal);

    public CteEnvironment(CteEnvironment? parent) => Parent = parent;

    public CteEnvironment? Parent { get; }

    public static readonly CteEnvironment Empty = new(null);

    public void Add(CommonTableExpr cte, CteEnvironment definedIn) => _ctes[cte.Name] = new Entry(cte, definedIn);

    /// <summary>Makes <paramref name="cte"/> stand for fixed rows (a recursive CTE's result or working table).</summary>
    public void AddRows(CommonTableExpr cte, LogicalPlan rows, IReadOnlyList<string> names) => _ctes[cte.Name] = new Entry(cte, this, rows, names);

    public bool Contains(string name) => _ctes.ContainsKey(name);

    public Entry? Find(string name)
    {
        for (var env = this; env is not null; env = env.Parent)
            if (env._ctes.TryGetValue(name, out var found)) return found;
        return null;
    }
}
