using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Functions.Kernels.TextFunctions;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>String functions: length, case, substring, padding, trimming, searching, splitting, regular expressions.</summary>
internal static class TextFunctionRegistrations
{
    private static readonly TypeId T = TypeId.Varchar;
    private static readonly TypeId I = TypeId.Integer;
    private static readonly SqlType Text = SqlType.Text;

    public static void Register(FunctionCatalog catalog)
    {
        foreach (var name in new[] { "length", "char_length", "character_length", "len" })
            catalog.Add(name, [T], SqlType.Integer, Unary<string, int, Length>(SqlType.Integer));
        catalog.Add("octet_length", [T], SqlType.Integer, Unary<string, int, OctetLength>(SqlType.Integer));
        catalog.Add("lower", [T], Text, Unary<string, string, Lower>(Text));
        catalog.Add("upper", [T], Text, Unary<string, string, Upper>(Text));
        catalog.Add("reverse", [T], Text, Unary<string, string, Reverse>(Text));
        catalog.Add("ascii", [T], SqlType.Integer, Unary<string, int, Ascii>(SqlType.Integer));
        catalog.Add("chr", [I], Text, Unary<int, string, Chr>(Text));
        catalog.Add("md5", [T], Text, Unary<string, string, Md5>(Text));
        catalog.Add("initcap", [T], Text, Unary<string, string, InitCap>(Text));

        foreach (var name in new[] { "trim", "btrim" })
        {
            catalog.Add(name, [T], Text, Unary<string, string, Trim>(Text));
            catalog.Add(name, [T, T], Text, Binary<string, string, string, TrimChars>(Text));
        }
        catalog.Add("ltrim", [T], Text, Unary<string, string, LTrim>(Text));
        catalog.Add("ltrim", [T, T], Text, Binary<string, string, string, LTrimChars>(Text));
        catalog.Add("rtrim", [T], Text, Unary<string, string, RTrim>(Text));
        catalog.Add("rtrim", [T, T], Text, Binary<string, string, string, RTrimChars>(Text));

        catalog.Add("left", [T, I], Text, Binary<string, int, string, Left>(Text));
        catalog.Add("right", [T, I], Text, Binary<string, int, string, Right>(Text));
        catalog.Add("repeat", [T, I], Text, Binary<string, int, string, Repeat>(Text));
        catalog.Add("strpos", [T, T], SqlType.Integer, Binary<string, string, int, StrPos>(SqlType.Integer));
        catalog.Add("position", [T, T], SqlType.Integer, Binary<string, string, int, Position>(SqlType.Integer));
        catalog.Add("charindex", [T, T], SqlType.Integer, Binary<string, string, int, Position>(SqlType.Integer));
        catalog.Add("starts_with", [T, T], SqlType.Boolean, Binary<string, string, bool, StartsWith>(SqlType.Boolean));

        foreach (var name in new[] { "substring", "substr" })
        {
            catalog.Add(name, [T, I], Text, Binary<string, int, string, SubstringFrom>(Text));
            catalog.Add(name, [T, I, I], Text, Row3<string, int, int>((s, a, b) => Substring(s, a, b)));
        }
        catalog.Add("replace", [T, T, T], Text, Row3<string, string, string>(Replace));
        catalog.Add("translate", [T, T, T], Text, Row3<string, string, string>(Translate));
        catalog.Add("lpad", [T, I], Text, Binary<string, int, string, PadLeftBlank>(Text));
        catalog.Add("rpad", [T, I], Text, Binary<string, int, string, PadRightBlank>(Text));
        catalog.Add("lpad", [T, I, T], Text, Row3<string, int, string>((s, n, f) => Pad(s, n, f, left: true)));
        catalog.Add("rpad", [T, I, T], Text, Row3<string, int, string>((s, n, f) => Pad(s, n, f, left: false)));
        catalog.Add("split_part", [T, T, I], Text, Row3<string, string, int>(SplitPart));

        catalog.AddCustom("concat", args =>
        {
            if (args.Count == 0) return null;
            var parameters = Enumerable.Repeat(Text, args.Count).ToArray();
            return new ResolvedFunction("concat", Text, parameters, StringConcat.Variadic);
        });
        catalog.AddCustom("concat_ws", args =>
        {
            if (args.Count < 2) return null;
            var parameters = Enumerable.Repeat(Text, args.Count).ToArray();
            return new ResolvedFunction("concat_ws", Text, parameters, ConcatWithSeparator);
        });
        catalog.Add("overlay", [T, T, I], Text, Row3<string, string, int>((s, r, from) => Overlay(s, r, from, r.Length)));
        catalog.Add("overlay", [T, T, I, I], Text, (args, rows, _) =>
            KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
            {
                r = Overlay(Str(a, 0, ix), Str(a, 1, ix), Int(a, 2, ix), Int(a, 3, ix));
                return true;
            }));
        RegisterRegex(catalog);
    }

    /// <summary>overlay(s PLACING r FROM start FOR count): s with count characters from start replaced by r.</summary>
    private static string Overlay(string s, string replacement, int start, int count)
    {
        if (start < 1) throw new SqlException(SqlState.SubstringError, "negative substring length not allowed");
        string head = Substring(s, 1, start - 1);
        string tail = start + count <= s.Length ? s[(start + count - 1)..] : "";
        return head + replacement + tail;
    }

    /// <summary>concat_ws(separator, ...): non-NULL arguments joined by the separator; NULL separator gives NULL.</summary>
    private static readonly ScalarKernel ConcatWithSeparator = (args, rows, _) =>
    {
        var result = new string[rows];
        ValidityBitmap? validity = null;
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < rows; i++)
        {
            int rs = Broadcast.IsConstant(args[0], rows) ? 0 : i;
            if (args[0].IsNull(rs))
            {
                validity ??= new ValidityBitmap(rows);
                validity.SetNull(i);
                continue;
            }
            string separator = ((ColumnVector<string>)args[0]).Values[rs];
            builder.Clear();
            bool first = true;
            for (int k = 1; k < args.Length; k++)
            {
                int r = Broadcast.IsConstant(args[k], rows) ? 0 : i;
                if (args[k].IsNull(r)) continue;
                if (!first) builder.Append(separator);
                builder.Append(((ColumnVector<string>)args[k]).Values[r]);
                first = false;
            }
            result[i] = builder.ToString();
        }
        return new ColumnVector<string>(Text, result, rows, validity);
    };

    private struct PadLeftBlank : IBinaryOp<string, int, string> { public static string Apply(string s, int n) => Pad(s, n, " ", left: true); }
    private struct PadRightBlank : IBinaryOp<string, int, string> { public static string Apply(string s, int n) => Pad(s, n, " ", left: false); }

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

    internal static string Str(ColumnVector[] args, int k, int[] ix) => ((ColumnVector<string>)args[k]).Values[ix[k]];

    internal static int Int(ColumnVector[] args, int k, int[] ix) => ((ColumnVector<int>)args[k]).Values[ix[k]];

    private static ScalarKernel Unary<TA, TR, TOp>(SqlType result) where TOp : IUnaryOp<TA, TR> =>
        (args, rows, _) => KernelTemplates.Unary<TA, TR, TOp>(args, rows, result);

    private static ScalarKernel Binary<TA, TB, TR, TOp>(SqlType result) where TOp : IBinaryOp<TA, TB, TR> =>
        (args, rows, _) => KernelTemplates.Binary<TA, TB, TR, TOp>(args, rows, result);

    /// <summary>A strict three-argument text function computed row by row.</summary>
    private static ScalarKernel Row3<TA, TB, TC>(Func<TA, TB, TC, string> f) => (args, rows, _) =>
        KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
        {
            r = f(((ColumnVector<TA>)a[0]).Values[ix[0]], ((ColumnVector<TB>)a[1]).Values[ix[1]], ((ColumnVector<TC>)a[2]).Values[ix[2]]);
            return true;
        });
}
