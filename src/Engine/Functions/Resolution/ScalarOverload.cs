using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Resolution;

/// <summary>
/// One candidate signature: parameter type families (precision, scale and length come from the actual
/// arguments) and a binder that turns concrete parameter types into a <see cref="ResolvedFunction"/>.
/// </summary>
internal sealed class ScalarOverload(string name, TypeId[] parameters, Func<SqlType[], IReadOnlyList<object?>?, ResolvedFunction> bind)
{
    public string Name { get; } = name;
    public TypeId[] Parameters { get; } = parameters;

    /// <summary>Binds concrete types; the second argument holds constant argument values (physical, null when not constant) when the caller knows them.</summary>
    public Func<SqlType[], IReadOnlyList<object?>?, ResolvedFunction> Bind { get; } = bind;
}

/// <summary>
/// A resolver for polymorphic or variadic functions (coalesce, greatest, concat, decode): returns null
/// when the arguments do not fit.
/// </summary>
internal delegate ResolvedFunction? CustomResolver(IReadOnlyList<SqlType> argTypes);

/// <summary>One aggregate candidate: parameter families and a binder from concrete types.</summary>
internal sealed class AggregateOverload(string name, TypeId[] parameters, Func<SqlType[], bool, ResolvedAggregate> bind)
{
    public string Name { get; } = name;
    public TypeId[] Parameters { get; } = parameters;
    public Func<SqlType[], bool, ResolvedAggregate> Bind { get; } = bind;
}
