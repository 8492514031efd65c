using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>Regular-expression functions: regexp_replace/substr/count/instr, substring(s FROM pattern), SIMILAR TO and the ~ operators.</summary>
internal static partial class TextFunctionRegistrations
{
    private static void RegisterRegex(FunctionCatalog catalog)
    {
        catalog.Add("regexp_replace", [T, T, T], _ => RegexReplace(3));
        catalog.Add("regexp_replace", [T, T, T, T], _ => RegexReplace(4));
        catalog.Add("regexp_substr", [T, T], _ => RegexSubstr(2));
        catalog.Add("regexp_substr", [T, T, I], _ => RegexSubstr(3));
        catalog.Add("regexp_substr", [T, T, I, I], _ => RegexSubstr(4));
        catalog.Add("regexp_substr", [T, T, I, I, T], _ => RegexSubstr(5));
        // substring(s FROM pattern): the first match, or its first parenthesized group when there is one.
        catalog.Add("substring", [T, T], _ =>
        {
            var cache = new RegexCache();
            return new ResolvedFunction("substring", Text, [Text, Text], (args, rows, _) =>
                KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
                {
                    var match = cache.Get(Str(a, 1, ix), "").Match(Str(a, 0, ix));
                    r = "";
                    if (!match.Success) return false;
                    r = match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
                    return match.Groups.Count <= 1 || match.Groups[1].Success;
                }));
        });
        foreach (int arity in new[] { 2, 3, 4 })
        {
            var parameters = new SqlType[arity];
            for (int k = 0; k < arity; k++) parameters[k] = k >= 2 ? SqlType.Integer : Text;
            catalog.Add("regexp_instr", arity switch { 2 => [T, T], 3 => [T, T, I], _ => [T, T, I, I] }, _ =>
            {
                var cache = new RegexCache();
                return new ResolvedFunction("regexp_instr", SqlType.Integer, parameters, (args, rows, _) =>
                    KernelTemplates.RowWise<int>(args, rows, SqlType.Integer, (ColumnVector[] a, int[] ix, out int r) =>
                    {
                        string source = Str(a, 0, ix);
                        int start = arity > 2 ? Int(a, 2, ix) : 1;
                        int occurrence = arity > 3 ? Int(a, 3, ix) : 1;
                        if (start < 1 || occurrence < 1) throw new SqlException(SqlState.InvalidParameterValue, "regexp_instr position and occurrence must be positive");
                        r = 0;
                        if (start > source.Length + 1) return true;
                        var match = cache.Get(Str(a, 1, ix), "").Match(source, start - 1);
                        for (int k = 1; k < occurrence && match.Success; k++) match = match.NextMatch();
                        if (match.Success) r = match.Index + 1;
                        return true;
                    }));
            });
        }
        catalog.Add("regexp_count", [T, T], _ => RegexCount(2));
        catalog.Add("regexp_count", [T, T, I], _ => RegexCount(3));
        catalog.Add("regexp_count", [T, T, I, T], _ => RegexCount(4));
        foreach (int arity in new[] { 2, 3 })
        {
            catalog.Add("similar_to", arity == 2 ? [T, T] : [T, T, T], _ =>
            {
                var cache = new RegexCache();
                return new ResolvedFunction("similar_to", SqlType.Boolean, Enumerable.Repeat(Text, arity).ToArray(), (args, rows, _) =>
                    KernelTemplates.RowWise<bool>(args, rows, SqlType.Boolean, (ColumnVector[] a, int[] ix, out bool r) =>
                    {
                        string regex = SimilarTo.ToRegex(Str(a, 1, ix), arity == 3 ? Str(a, 2, ix) : "\\");
                        r = cache.Get(regex, "s").IsMatch(Str(a, 0, ix));
                        return true;
                    }));
            });
        }
        foreach (var (op, flags, negate) in new[] { ("~", "", false), ("~*", "i", false), ("!~", "", true), ("!~*", "i", true) })
        {
            catalog.Add(op, [T, T], _ =>
            {
                var cache = new RegexCache();
                return new ResolvedFunction(op, SqlType.Boolean, [Text, Text], (args, rows, _) =>
                    KernelTemplates.RowWise<bool>(args, rows, SqlType.Boolean, (ColumnVector[] a, int[] ix, out bool r) =>
                    {
                        r = cache.Get(Str(a, 1, ix), flags).IsMatch(Str(a, 0, ix)) != negate;
                        return true;
                    }));
            });
        }
    }

    /// <summary>regexp_replace(source, pattern, replacement [, flags]): first match only unless flags contain 'g' (PostgreSQL).</summary>
    private static ResolvedFunction RegexReplace(int arity)
    {
        var cache = new RegexCache();
        return new ResolvedFunction("regexp_replace", Text, Enumerable.Repeat(Text, arity).ToArray(), (args, rows, _) =>
            KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
            {
                string flags = arity > 3 ? Str(a, 3, ix) : "";
                var regex = cache.Get(Str(a, 1, ix), flags);
                string replacement = RegexCache.TranslateReplacement(Str(a, 2, ix));
                r = regex.Replace(Str(a, 0, ix), replacement, flags.Contains('g') ? -1 : 1);
                return true;
            }));
    }

    /// <summary>regexp_substr(source, pattern [, start [, occurrence [, flags]]]): the match, or NULL when there is none.</summary>
    private static ResolvedFunction RegexSubstr(int arity)
    {
        var cache = new RegexCache();
        var parameters = new SqlType[arity];
        for (int k = 0; k < arity; k++) parameters[k] = k is 2 or 3 ? SqlType.Integer : Text;
        return new ResolvedFunction("regexp_substr", Text, parameters, (args, rows, _) =>
            KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
            {
                string source = Str(a, 0, ix);
                int start = arity > 2 ? Int(a, 2, ix) : 1;
                int occurrence = arity > 3 ? Int(a, 3, ix) : 1;
                if (start < 1) throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"start\": {start}");
                if (occurrence < 1) throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"n\": {occurrence}");
                var regex = cache.Get(Str(a, 1, ix), arity > 4 ? Str(a, 4, ix) : "");
                r = "";
                if (start > source.Length + 1) return false;
                var match = regex.Match(source, start - 1);
                for (int k = 1; k < occurrence && match.Success; k++) match = match.NextMatch();
                if (!match.Success) return false;
                r = match.Value;
                return true;
            }));
    }

    private static ResolvedFunction RegexCount(int arity)
    {
        var cache = new RegexCache();
        var parameters = new SqlType[arity];
        for (int k = 0; k < arity; k++) parameters[k] = k == 2 ? SqlType.Integer : Text;
        return new ResolvedFunction("regexp_count", SqlType.Integer, parameters, (args, rows, _) =>
            KernelTemplates.RowWise<int>(args, rows, SqlType.Integer, (ColumnVector[] a, int[] ix, out int r) =>
            {
                string source = Str(a, 0, ix);
                int start = arity > 2 ? Int(a, 2, ix) : 1;
                if (start < 1) throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"start\": {start}");
                var regex = cache.Get(Str(a, 1, ix), arity > 3 ? Str(a, 3, ix) : "");
                r = start > source.Length + 1 ? 0 : regex.Count(source.AsSpan(start - 1));
                return true;
            }));
    }
}
