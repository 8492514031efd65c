using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>coalesce, nvl, isnull, nullif, nvl2, greatest, least, decode: polymorphic over a common type.</summary>
internal static class ConditionalFunctions
{
    public static void Register(FunctionCatalog catalog)
    {
        catalog.AddCustom("coalesce", args => args.Count == 0 ? null : Coalesce("coalesce", args));
        catalog.AddCustom("nvl", args => args.Count < 2 ? null : Coalesce("nvl", args));
        catalog.AddCustom("isnull", args => args.Count != 2 ? null : Coalesce("isnull", args));
        catalog.AddCustom("nullif", args =>
        {
            if (args.Count != 2) return null;
            var common = TypeCoercion.CommonType(args[0], args[1]);
            return new ResolvedFunction("nullif", common, [common, common], ConditionalKernels.NullIf(common));
        });
        catalog.AddCustom("greatest", args => args.Count == 0 ? null : Extreme("greatest", args, greatest: true));
        catalog.AddCustom("least", args => args.Count == 0 ? null : Extreme("least", args, greatest: false));
        catalog.AddCustom("nvl2", args =>
        {
            if (args.Count != 3) return null;
            var result = TypeCoercion.CommonType([args[1], args[2]]);
            var test = args[0].Id == TypeId.Unknown ? SqlType.Text : args[0];
            return new ResolvedFunction("nvl2", result, [test, result, result], ConditionalKernels.Nvl2(result));
        });
        catalog.AddCustom("decode", args =>
        {
            if (args.Count < 3) return null;
            var searches = new List<SqlType> { args[0] };
            var results = new List<SqlType>();
            for (int k = 1; k < args.Count; k++)
            {
                bool isDefault = k == args.Count - 1 && (args.Count - 1) % 2 == 1;
                if (isDefault || k % 2 == 0) results.Add(args[k]);
                else searches.Add(args[k]);
            }
            var searchType = TypeCoercion.CommonType(searches);
            var resultType = TypeCoercion.CommonType(results);
            var parameters = new SqlType[args.Count];
            parameters[0] = searchType;
            for (int k = 1; k < args.Count; k++)
            {
                bool isDefault = k == args.Count - 1 && (args.Count - 1) % 2 == 1;
                parameters[k] = isDefault || k % 2 == 0 ? resultType : searchType;
            }
            return new ResolvedFunction("decode", resultType, parameters, ConditionalKernels.Decode(searchType, resultType));
        });
    }

    private static ResolvedFunction Coalesce(string name, IReadOnlyList<SqlType> args)
    {
        var common = TypeCoercion.CommonType(args);
        return new ResolvedFunction(name, common, Enumerable.Repeat(common, args.Count).ToArray(), ConditionalKernels.Coalesce(common));
    }

    private static ResolvedFunction Extreme(string name, IReadOnlyList<SqlType> args, bool greatest)
    {
        var common = TypeCoercion.CommonType(args);
        return new ResolvedFunction(name, common, Enumerable.Repeat(common, args.Count).ToArray(), ConditionalKernels.Extreme(common, greatest));
    }
}
