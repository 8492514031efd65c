using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Functions.Resolution.TypeCategories;

namespace ActorWarehouse.Engine.Functions.Resolution;

/// <summary>
/// PostgreSQL's function and operator resolution (manual, "Type Conversion" chapter), reduced to our types:
/// an exact match wins (an unknown literal next to a known argument is first assumed to be of that type);
/// otherwise keep the candidates every argument converts to implicitly, then prefer the most exact matches,
/// then the most preferred types at converted positions, then string types for unknown literals,
/// then candidates agreeing with the known arguments' type.
/// </summary>
internal static class OverloadResolver
{
    /// <summary>The index of the best candidate among <paramref name="candidates"/> (parameter families), or -1.</summary>
    public static int Choose(IReadOnlyList<TypeId[]> candidates, IReadOnlyList<SqlType> args)
    {
        // Exact match, with unknowns taking the type shared by all known arguments.
        var assumed = AssumeUnknowns(args);
        for (int c = 0; c < candidates.Count; c++)
            if (candidates[c].Length == args.Count && AllExact(candidates[c], assumed)) return c;

        var viable = new List<int>();
        for (int c = 0; c < candidates.Count; c++)
            if (candidates[c].Length == args.Count && AllImplicit(candidates[c], args)) viable.Add(c);
        if (viable.Count <= 1) return viable.Count == 1 ? viable[0] : -1;

        viable = KeepBest(viable, c => CountExact(candidates[c], args));
        if (viable.Count == 1) return viable[0];
        viable = KeepBest(viable, c => CountPreferredAtConversions(candidates[c], args));
        if (viable.Count == 1) return viable[0];
        viable = KeepBest(viable, c => CountStringForUnknown(candidates[c], args));
        if (viable.Count == 1) return viable[0];
        viable = KeepBest(viable, c => CountPreferredForUnknown(candidates[c], args));
        if (viable.Count == 1) return viable[0];
        viable = KeepBest(viable, c => AllExact(candidates[c], assumed) ? 1 : 0);
        if (viable.Count == 1) return viable[0];
        // Narrowest conversions as the last tie-break (PostgreSQL would report ambiguity here).
        viable = KeepBest(viable, c => -ConversionDistance(candidates[c], args));
        return viable[0];
    }

    private static List<int> KeepBest(List<int> viable, Func<int, int> score)
    {
        int best = int.MinValue;
        foreach (int c in viable) best = Math.Max(best, score(c));
        var kept = new List<int>();
        foreach (int c in viable)
            if (score(c) == best) kept.Add(c);
        return kept;
    }

    private static SqlType[] AssumeUnknowns(IReadOnlyList<SqlType> args)
    {
        TypeId? shared = null;
        bool agree = true;
        foreach (var a in args)
        {
            if (a.Id == TypeId.Unknown) continue;
            if (shared is null) shared = a.Id;
            else if (!SameFamily(shared.Value, a.Id)) agree = false;
        }
        var result = new SqlType[args.Count];
        for (int i = 0; i < args.Count; i++)
            result[i] = args[i].Id == TypeId.Unknown && agree && shared is { } s ? new SqlType(s) : args[i];
        return result;
    }

    private static bool AllExact(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        for (int i = 0; i < parameters.Length; i++)
            if (!SameFamily(args[i].Id, parameters[i])) return false;
        return true;
    }

    private static bool AllImplicit(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        for (int i = 0; i < parameters.Length; i++)
            if (!ImplicitFamily(args[i].Id, parameters[i])) return false;
        return true;
    }

    private static int CountExact(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        int n = 0;
        for (int i = 0; i < parameters.Length; i++)
            if (SameFamily(args[i].Id, parameters[i])) n++;
        return n;
    }

    private static int CountPreferredAtConversions(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        int n = 0;
        for (int i = 0; i < parameters.Length; i++)
            if (args[i].Id != TypeId.Unknown && !SameFamily(args[i].Id, parameters[i]) && IsPreferred(parameters[i])) n++;
        return n;
    }

    private static int CountStringForUnknown(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        int n = 0;
        for (int i = 0; i < parameters.Length; i++)
            if (args[i].Id == TypeId.Unknown && Of(parameters[i]) == Category.String) n++;
        return n;
    }

    /// <summary>PostgreSQL: at unknown positions, candidates taking the category's preferred type win (abs('-5.5') is abs(double)).</summary>
    private static int CountPreferredForUnknown(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        int n = 0;
        for (int i = 0; i < parameters.Length; i++)
            if (args[i].Id == TypeId.Unknown && IsPreferred(parameters[i])) n++;
        return n;
    }

    private static int ConversionDistance(TypeId[] parameters, IReadOnlyList<SqlType> args)
    {
        int d = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            int rf = NumericRank(args[i].Id), rt = NumericRank(parameters[i]);
            d += rf >= 0 && rt >= 0 ? rt - rf : SameFamily(args[i].Id, parameters[i]) ? 0 : 1;
        }
        return d;
    }
}
