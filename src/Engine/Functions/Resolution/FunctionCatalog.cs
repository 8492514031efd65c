using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Resolution;

/// <summary>The built-in scalar and aggregate candidates, by lower-case name or operator symbol.</summary>
internal sealed class FunctionCatalog
{
    private readonly Dictionary<string, List<ScalarOverload>> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomResolver> _custom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AggregateOverload>> _aggregates = new(StringComparer.Ordinal);

    public void Add(string name, TypeId[] parameters, Func<SqlType[], ResolvedFunction> bind) =>
        AddWithConstants(name, parameters, (types, _) => bind(types));

    /// <summary>Registers an overload whose result type may depend on constant arguments (round(x, 2) has scale 2).</summary>
    public void AddWithConstants(string name, TypeId[] parameters, Func<SqlType[], IReadOnlyList<object?>?, ResolvedFunction> bind)
    {
        if (!_scalars.TryGetValue(name, out var list)) _scalars[name] = list = [];
        list.Add(new ScalarOverload(name, parameters, bind));
    }

    /// <summary>Registers a function with a fixed result type whose parameters are exactly the concrete argument types.</summary>
    public void Add(string name, TypeId[] parameters, SqlType returnType, Func<SqlType[], ScalarKernel> kernel) =>
        Add(name, parameters, types => new ResolvedFunction(name, returnType, types, kernel(types)));

    public void Add(string name, TypeId[] parameters, SqlType returnType, ScalarKernel kernel) =>
        Add(name, parameters, types => new ResolvedFunction(name, returnType, types, kernel));

    public void AddCustom(string name, CustomResolver resolver) => _custom[name] = resolver;

    public void AddAggregate(string name, TypeId[] parameters, Func<SqlType[], bool, ResolvedAggregate> bind)
    {
        if (!_aggregates.TryGetValue(name, out var list)) _aggregates[name] = list = [];
        list.Add(new AggregateOverload(name, parameters, bind));
    }

    public bool IsAggregate(string name) => _aggregates.ContainsKey(name);

    public bool IsScalar(string name) => _scalars.ContainsKey(name) || _custom.ContainsKey(name);

    public ResolvedFunction? ResolveScalar(string name, IReadOnlyList<SqlType> args, IReadOnlyList<object?>? constants = null)
    {
        if (_custom.TryGetValue(name, out var custom)) return custom(args);
        if (!_scalars.TryGetValue(name, out var list)) return null;
        var signatures = new TypeId[list.Count][];
        for (int i = 0; i < list.Count; i++) signatures[i] = list[i].Parameters;
        int chosen = OverloadResolver.Choose(signatures, args);
        if (chosen < 0) return null;
        var overload = list[chosen];
        return overload.Bind(ConcreteTypes(overload.Parameters, args), constants);
    }

    public ResolvedAggregate? ResolveAggregate(string name, IReadOnlyList<SqlType> args, bool distinct)
    {
        if (!_aggregates.TryGetValue(name, out var list)) return null;
        var signatures = new TypeId[list.Count][];
        for (int i = 0; i < list.Count; i++) signatures[i] = list[i].Parameters;
        int chosen = OverloadResolver.Choose(signatures, args);
        if (chosen < 0) return null;
        var overload = list[chosen];
        return overload.Bind(ConcreteTypes(overload.Parameters, args), distinct);
    }

    private static SqlType[] ConcreteTypes(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        var types = new SqlType[parameters.Length];
        for (int i = 0; i < types.Length; i++) types[i] = TypeCategories.Concretize(args[i], parameters[i]);
        // An unknown literal next to a DECIMAL argument takes that argument's scale rather than a guess.
        for (int i = 0; i < types.Length; i++)
        {
            if (args[i].Id != TypeId.Unknown || parameters[i] != TypeId.Decimal) continue;
            for (int j = 0; j < types.Length; j++)
                if (j != i && args[j].Id == TypeId.Decimal) { types[i] = args[j]; break; }
        }
        return types;
    }
}
