using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Functions and casts that read the catalog or the session (version(), current_schemas(), pg_get_userbyid(),
/// format_type(), has_table_privilege(), x::regclass, ...), supplied by the session so the binder stays catalog-agnostic.
/// </summary>
public interface ICatalogFunctionBinder
{
    /// <summary>Binds <paramref name="name"/>(<paramref name="arguments"/>) when it is a catalog function; null otherwise.</summary>
    BoundExpr? TryBindFunction(string name, IReadOnlyList<BoundExpr> arguments, int position);

    /// <summary>Binds a cast to a catalog type (regclass, oid, name, ...).</summary>
    BoundExpr BindCast(CatalogType type, BoundExpr operand, int position);
}
