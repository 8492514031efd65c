using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Functions.Kernels.TextFunctions;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>String functions: length, case, substring, padding, trimming, searching, splitting, regular expressions.</summary>
internal static partial class TextFunctionRegistrations
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
            catalog.Add(name, [T, I, I], Text, SubstringKernel);
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

    /// <summary>substring(s, start, count) as a typed loop; constant start and count (the usual case) are read once.</summary>
    private static readonly ScalarKernel SubstringKernel = (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(Text, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var strings = ((ColumnVector<string>)args[0]).Values;
        var starts = ((ColumnVector<int>)args[1]).Values;
        var counts = ((ColumnVector<int>)args[2]).Values;
        bool sc = Broadcast.IsConstant(args[0], rows), ac = Broadcast.IsConstant(args[1], rows), cc = Broadcast.IsConstant(args[2], rows);
        var result = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            result[i] = Substring(strings[sc ? 0 : i], starts[ac ? 0 : i], counts[cc ? 0 : i]);
        }
        return new ColumnVector<string>(Text, result, rows, validity);
    };

    private struct PadLeftBlank : IBinaryOp<string, int, string> { public static string Apply(string s, int n) => Pad(s, n, " ", left: true); }
    private struct PadRightBlank : IBinaryOp<string, int, string> { public static string Apply(string s, int n) => Pad(s, n, " ", left: false); }

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
