using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Binds nextval/currval/setval: they read the session's and warehouse's sequence state, which the binder itself
/// does not know. <paramref name="arguments"/> are the bound arguments as written.
/// </summary>
public interface ISequenceFunctionBinder
{
    BoundExpr Bind(string function, IReadOnlyList<BoundExpr> arguments, int position);
}
