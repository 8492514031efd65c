using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// A scalar function or operator chosen for concrete argument types. The binder casts argument i to
/// <see cref="ParameterTypes"/>[i] before calling <see cref="Kernel"/>.
/// </summary>
public sealed record ResolvedFunction(string Name, SqlType ReturnType, IReadOnlyList<SqlType> ParameterTypes, ScalarKernel Kernel)
{
    private readonly ScalarKernel _kernel = StringFormAdapters.ForBatches(Kernel, ReturnType, ParameterTypes);

    /// <summary>The kernel, callable on batch columns (string arguments decoded for it when it computes on .NET strings).</summary>
    public ScalarKernel Kernel
    {
        get => _kernel;
        init => _kernel = StringFormAdapters.ForBatches(value, ReturnType, ParameterTypes);
    }

    /// <summary>True for functions whose value changes between calls (random()); the planner must not fold them.</summary>
    public bool IsVolatile { get; init; }

    /// <summary>True when the result depends on the statement (now(), current_date): constant within one statement only.</summary>
    public bool IsStatementStable { get; init; }
}

/// <summary>
/// An aggregate chosen for concrete argument types. <see cref="Create"/> makes a fresh grouped state;
/// the binder casts argument i to <see cref="ParameterTypes"/>[i].
/// </summary>
public sealed record ResolvedAggregate(string Name, SqlType ReturnType, IReadOnlyList<SqlType> ParameterTypes, Func<IGroupedAggregate> Create)
{
    private readonly Func<IGroupedAggregate> _create = StringFormAdapters.ForBatches(Create, ReturnType, ParameterTypes);

    /// <summary>Makes a fresh grouped state that takes batch columns (see <see cref="ResolvedFunction.Kernel"/>).</summary>
    public Func<IGroupedAggregate> Create
    {
        get => _create;
        init => _create = StringFormAdapters.ForBatches(value, ReturnType, ParameterTypes);
    }

    public bool IsDistinct { get; init; }
}
