using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Aggregates;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>
/// Redshift conveniences: replicate, date_cmp/timestamp_cmp, json_extract_path_text, json_extract_array_element_text,
/// json_array_length, is_valid_json, sha1/sha2, quote_ident/quote_literal, strtol, bit_and/bit_or, and the
/// d-prefixed math aliases (dexp, dlog1, dlog10, dpow, dsqrt).
/// </summary>
internal static class RedshiftExtras
{
    private static readonly TypeId T = TypeId.Varchar;
    private static readonly SqlType Text = SqlType.Text;

    public static void Register(FunctionCatalog catalog)
    {
        catalog.Add("replicate", [T, TypeId.Integer], t => FunctionRegistry.ResolveScalar("repeat", t) with { Name = "replicate" });
        foreach (var (alias, target) in new[] { ("dexp", "exp"), ("dlog1", "ln"), ("dlog10", "log"), ("dsqrt", "sqrt") })
            catalog.Add(alias, [TypeId.Double], t => FunctionRegistry.ResolveScalar(target, t) with { Name = alias });
        catalog.Add("dpow", [TypeId.Double, TypeId.Double], t => FunctionRegistry.ResolveScalar("power", t) with { Name = "dpow" });

        catalog.Add("date_cmp", [TypeId.Date, TypeId.Date], SqlType.Integer, (a, n, _) => KernelTemplates.Binary<int, int, int, Cmp<int>>(a, n, SqlType.Integer));
        catalog.Add("timestamp_cmp", [TypeId.Timestamp, TypeId.Timestamp], SqlType.Integer, (a, n, _) => KernelTemplates.Binary<long, long, int, Cmp<long>>(a, n, SqlType.Integer));

        catalog.AddCustom("json_extract_path_text", args =>
        {
            if (args.Count < 2) return null;
            return new ResolvedFunction("json_extract_path_text", Text, Enumerable.Repeat(Text, args.Count).ToArray(), JsonPath);
        });
        catalog.Add("json_extract_array_element_text", [T, TypeId.Integer], Text, (args, rows, _) =>
            KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
            {
                r = "";
                using var doc = ParseJson(((ColumnVector<string>)a[0]).Values[ix[0]]);
                int index = ((ColumnVector<int>)a[1]).Values[ix[1]];
                if (doc.RootElement.ValueKind != JsonValueKind.Array || index < 0 || index >= doc.RootElement.GetArrayLength()) return false;
                return JsonText(doc.RootElement[index], out r);
            }));
        catalog.Add("json_array_length", [T], SqlType.Integer, (args, rows, _) =>
            KernelTemplates.RowWise<int>(args, rows, SqlType.Integer, (ColumnVector[] a, int[] ix, out int r) =>
            {
                using var doc = ParseJson(((ColumnVector<string>)a[0]).Values[ix[0]]);
                if (doc.RootElement.ValueKind != JsonValueKind.Array)
                    throw new SqlException(SqlState.InvalidParameterValue, "invalid json array object " + ((ColumnVector<string>)a[0]).Values[ix[0]]);
                r = doc.RootElement.GetArrayLength();
                return true;
            }));
        catalog.Add("is_valid_json", [T], SqlType.Boolean, (args, rows, _) =>
            KernelTemplates.RowWise<bool>(args, rows, SqlType.Boolean, (ColumnVector[] a, int[] ix, out bool r) =>
            {
                try { using var doc = JsonDocument.Parse(((ColumnVector<string>)a[0]).Values[ix[0]]); r = true; }
                catch (JsonException) { r = false; }
                return true;
            }));

        catalog.Add("sha1", [T], Text, (a, n, _) => KernelTemplates.Unary<string, string, Sha1>(a, n, Text));
        catalog.Add("func_sha1", [T], Text, (a, n, _) => KernelTemplates.Unary<string, string, Sha1>(a, n, Text));
        catalog.Add("sha2", [T, TypeId.Integer], Text, (a, n, _) => KernelTemplates.Binary<string, int, string, Sha2>(a, n, Text));
        catalog.Add("quote_ident", [T], Text, (a, n, _) => KernelTemplates.Unary<string, string, QuoteIdent>(a, n, Text));
        catalog.Add("quote_literal", [T], Text, (a, n, _) => KernelTemplates.Unary<string, string, QuoteLiteral>(a, n, Text));
        catalog.Add("strtol", [T, TypeId.Integer], SqlType.BigInt, (a, n, _) => KernelTemplates.Binary<string, int, long, StrToL>(a, n, SqlType.BigInt));

        foreach (var (id, type) in new[] { (TypeId.SmallInt, SqlType.SmallInt), (TypeId.Integer, SqlType.Integer), (TypeId.BigInt, SqlType.BigInt) })
        {
            catalog.AddAggregate("bit_and", [id], (t, _) => BitFold(type, and: true));
            catalog.AddAggregate("bit_or", [id], (t, _) => BitFold(type, and: false));
        }
    }

    private static ResolvedAggregate BitFold(SqlType type, bool and) => type.Id switch
    {
        TypeId.SmallInt => and ? AggregateFunctions.Fold<short, short, short, BitAnd<short>>("bit_and", type, type) : AggregateFunctions.Fold<short, short, short, BitOr<short>>("bit_or", type, type),
        TypeId.Integer => and ? AggregateFunctions.Fold<int, int, int, BitAnd<int>>("bit_and", type, type) : AggregateFunctions.Fold<int, int, int, BitOr<int>>("bit_or", type, type),
        _ => and ? AggregateFunctions.Fold<long, long, long, BitAnd<long>>("bit_and", type, type) : AggregateFunctions.Fold<long, long, long, BitOr<long>>("bit_or", type, type),
    };

    private struct BitAnd<T> : IFold<T, T, T> where T : System.Numerics.IBinaryInteger<T>
    {
        public static T Init(T v) => v;
        public static T Add(T acc, T v) => acc & v;
        public static T Combine(T a, T b) => a & b;
        public static T Finish(T acc, in AggregateShape shape) => acc;
    }

    private struct BitOr<T> : IFold<T, T, T> where T : System.Numerics.IBinaryInteger<T>
    {
        public static T Init(T v) => v;
        public static T Add(T acc, T v) => acc | v;
        public static T Combine(T a, T b) => a | b;
        public static T Finish(T acc, in AggregateShape shape) => acc;
    }

    private struct Cmp<T> : IBinaryOp<T, T, int> where T : IComparable<T>
    {
        public static int Apply(T a, T b) => Math.Sign(a.CompareTo(b));
    }

    private static JsonDocument ParseJson(string text)
    {
        try { return JsonDocument.Parse(text); }
        catch (JsonException) { throw new SqlException(SqlState.InvalidParameterValue, "JSON parsing error", detail: text); }
    }

    /// <summary>A JSON value as Redshift returns it: strings unquoted, other values as JSON text, JSON null as SQL NULL.</summary>
    private static bool JsonText(JsonElement element, out string text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: text = ""; return false;
            case JsonValueKind.String: text = element.GetString() ?? ""; return true;
            default: text = element.GetRawText(); return true;
        }
    }

    /// <summary>json_extract_path_text(json, key1, key2, …): NULL when a key is missing.</summary>
    private static readonly ScalarKernel JsonPath = (args, rows, _) =>
        KernelTemplates.RowWise<string>(args, rows, Text, (ColumnVector[] a, int[] ix, out string r) =>
        {
            r = "";
            string json = ((ColumnVector<string>)a[0]).Values[ix[0]];
            if (json.Length == 0) return false;
            using var doc = ParseJson(json);
            var current = doc.RootElement;
            for (int k = 1; k < a.Length; k++)
            {
                string key = ((ColumnVector<string>)a[k]).Values[ix[k]];
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(key, out var next)) current = next;
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < current.GetArrayLength()) current = current[i];
                else return false;
            }
            return JsonText(current, out r);
        });

    private struct Sha1 : IUnaryOp<string, string>
    {
        public static string Apply(string s) => Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(s)));
    }

    private struct Sha2 : IBinaryOp<string, int, string>
    {
        public static string Apply(string s, int bits)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            return bits switch
            {
                0 or 256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                224 => throw new SqlException(SqlState.FeatureNotSupported, "SHA-224 is not supported"),
                384 => Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(bytes)),
                512 => Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(bytes)),
                _ => throw new SqlException(SqlState.InvalidParameterValue, $"invalid bit length {bits}: it must be one of 0, 224, 256, 384 or 512"),
            };
        }
    }

    private struct QuoteIdent : IUnaryOp<string, string>
    {
        public static string Apply(string s)
        {
            bool plain = s.Length > 0 && (char.IsAsciiLetterLower(s[0]) || s[0] == '_');
            foreach (char c in s) plain &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_';
            return plain ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
    }

    private struct QuoteLiteral : IUnaryOp<string, string>
    {
        public static string Apply(string s) => s.Contains('\\')
            ? "E'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'"
            : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>strtol(text, base): the text read as an integer in base 2–36.</summary>
    private struct StrToL : IBinaryOp<string, int, long>
    {
        public static long Apply(string s, int radix)
        {
            if (radix is < 2 or > 36) throw new SqlException(SqlState.InvalidParameterValue, $"invalid base {radix}");
            var text = s.Trim();
            bool negative = text.StartsWith('-');
            if (negative || text.StartsWith('+')) text = text[1..];
            if (radix == 16 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
            if (text.Length == 0) throw DataErrors.InvalidText(SqlType.BigInt, s);
            long value = 0;
            try
            {
                foreach (char c in text)
                {
                    int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                    if (digit >= radix) throw DataErrors.InvalidText(SqlType.BigInt, s);
                    value = checked(value * radix + digit);
                }
            }
            catch (OverflowException) { throw DataErrors.OutOfRange(SqlType.BigInt); }
            return negative ? -value : value;
        }
    }
}
