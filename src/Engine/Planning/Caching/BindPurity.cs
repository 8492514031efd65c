using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Caching;

/// <summary>
/// Notes whether binding read anything a cached plan must not freeze: rows computed while binding (recursive CTEs),
/// system relations (activity, catalog views), sequence functions, catalog functions. Such statements are planned
/// afresh every time.
/// </summary>
internal sealed class BindPurity
{
    public bool Impure { get; private set; }

    /// <summary><paramref name="context"/> with every such callback reporting to this object.</summary>
    public BinderContext Observe(BinderContext context) => context with
    {
        Execute = context.Execute is { } execute ? plan => { Impure = true; return execute(plan); } : null,
        SystemRelations = context.SystemRelations is { } relations ? (schema, name) =>
        {
            var found = relations(schema, name);
            if (found is not null) Impure = true;
            return found;
        } : null,
        Sequences = context.Sequences is { } sequences ? new SequenceProbe(this, sequences) : null,
        CatalogFunctions = context.CatalogFunctions is { } functions ? new CatalogProbe(this, functions) : null,
    };

    private sealed class SequenceProbe(BindPurity owner, ISequenceFunctionBinder inner) : ISequenceFunctionBinder
    {
        public BoundExpr Bind(string function, IReadOnlyList<BoundExpr> arguments, int position)
        {
            owner.Impure = true;
            return inner.Bind(function, arguments, position);
        }
    }

    private sealed class CatalogProbe(BindPurity owner, ICatalogFunctionBinder inner) : ICatalogFunctionBinder
    {
        public BoundExpr? TryBindFunction(string name, IReadOnlyList<BoundExpr> arguments, int position)
        {
            var bound = inner.TryBindFunction(name, arguments, position);
            if (bound is not null) owner.Impure = true;
            return bound;
        }

        public BoundExpr BindCast(CatalogType type, BoundExpr operand, int position)
        {
            owner.Impure = true;
            return inner.BindCast(type, operand, position);
        }
    }
}
