using System.Text;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// String functions with PostgreSQL semantics. Positions and lengths count characters (UTF-16 code
/// units; characters outside the Basic Multilingual Plane count as two).
/// </summary>
internal static class TextFunctions
{
    public struct Length : IUnaryOp<string, int> { public static int Apply(string s) => s.Length; }
    public struct OctetLength : IUnaryOp<string, int> { public static int Apply(string s) => Encoding.UTF8.GetByteCount(s); }
    public struct Lower : IUnaryOp<string, string> { public static string Apply(string s) => s.ToLowerInvariant(); }
    public struct Upper : IUnaryOp<string, string> { public static string Apply(string s) => s.ToUpperInvariant(); }

    public struct Reverse : IUnaryOp<string, string>
    {
        public static string Apply(string s)
        {
            var chars = s.ToCharArray();
            Array.Reverse(chars);
            return new string(chars);
        }
    }

    public struct Ascii : IUnaryOp<string, int>
    {
        public static int Apply(string s) => s.Length == 0 ? 0 : char.IsSurrogatePair(s, 0) ? char.ConvertToUtf32(s, 0) : s[0];
    }

    public struct Chr : IUnaryOp<int, string>
    {
        public static string Apply(int code)
        {
            if (code == 0) throw new SqlException(SqlState.ProgramLimitExceeded, "null character not permitted");
            if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                throw new SqlException(SqlState.ProgramLimitExceeded, "requested character too large for encoding: " + code);
            return char.ConvertFromUtf32(code);
        }
    }

    public struct Md5 : IUnaryOp<string, string>
    {
        public static string Apply(string s) =>
            Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(s)));
    }

    public struct InitCap : IUnaryOp<string, string>
    {
        public static string Apply(string s)
        {
            var chars = s.ToCharArray();
            bool previousAlnum = false;
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = previousAlnum ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
                previousAlnum = char.IsLetterOrDigit(chars[i]);
            }
            return new string(chars);
        }
    }

    public struct Trim : IUnaryOp<string, string> { public static string Apply(string s) => s.Trim(' '); }
    public struct LTrim : IUnaryOp<string, string> { public static string Apply(string s) => s.TrimStart(' '); }
    public struct RTrim : IUnaryOp<string, string> { public static string Apply(string s) => s.TrimEnd(' '); }
    public struct TrimChars : IBinaryOp<string, string, string> { public static string Apply(string s, string set) => s.Trim(set.ToCharArray()); }
    public struct LTrimChars : IBinaryOp<string, string, string> { public static string Apply(string s, string set) => s.TrimStart(set.ToCharArray()); }
    public struct RTrimChars : IBinaryOp<string, string, string> { public static string Apply(string s, string set) => s.TrimEnd(set.ToCharArray()); }

    /// <summary>left(s, n): first n characters; negative n: all but the last |n|.</summary>
    public struct Left : IBinaryOp<string, int, string>
    {
        public static string Apply(string s, int n)
        {
            int count = n >= 0 ? Math.Min(n, s.Length) : Math.Max(0, s.Length + n);
            return s[..count];
        }
    }

    /// <summary>right(s, n): last n characters; negative n: all but the first |n|.</summary>
    public struct Right : IBinaryOp<string, int, string>
    {
        public static string Apply(string s, int n)
        {
            int count = n >= 0 ? Math.Min(n, s.Length) : Math.Max(0, s.Length + n);
            return s[(s.Length - count)..];
        }
    }

    public struct Repeat : IBinaryOp<string, int, string>
    {
        public static string Apply(string s, int n)
        {
            if (n <= 0 || s.Length == 0) return "";
            if ((long)s.Length * n > 1 << 28) throw new SqlException(SqlState.ProgramLimitExceeded, "requested length too large");
            return new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
        }
    }

    /// <summary>strpos(string, substring): 1-based position, 0 when absent.</summary>
    public struct StrPos : IBinaryOp<string, string, int>
    {
        public static int Apply(string s, string sub) => s.IndexOf(sub, StringComparison.Ordinal) + 1;
    }

    /// <summary>position(substring IN string) and charindex(substring, string): arguments the other way round.</summary>
    public struct Position : IBinaryOp<string, string, int>
    {
        public static int Apply(string sub, string s) => s.IndexOf(sub, StringComparison.Ordinal) + 1;
    }

    public struct StartsWith : IBinaryOp<string, string, bool>
    {
        public static bool Apply(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>substring(s from start): characters from start (1-based; start ≤ 0 counts from before the string).</summary>
    public struct SubstringFrom : IBinaryOp<string, int, string>
    {
        public static string Apply(string s, int start) => start <= 1 ? s : start > s.Length ? "" : s[(start - 1)..];
    }

    /// <summary>PostgreSQL substring(s, start, count): the window [start, start + count) clipped to the string.</summary>
    public static string Substring(string s, int start, int count)
    {
        if (count < 0) throw new SqlException(SqlState.SubstringError, "negative substring length not allowed");
        long end = (long)start + count; // exclusive, 1-based
        long from = Math.Max(start, 1);
        long to = Math.Min(end, s.Length + 1L);
        if (to <= from) return "";
        return s.Substring((int)from - 1, (int)(to - from));
    }

    public static string Replace(string s, string from, string to) => from.Length == 0 ? s : s.Replace(from, to, StringComparison.Ordinal);

    public static string Translate(string s, string from, string to)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            int index = from.IndexOf(c);
            if (index < 0) sb.Append(c);
            else if (index < to.Length) sb.Append(to[index]);
        }
        return sb.ToString();
    }

    /// <summary>lpad/rpad: fill to length n (truncating when longer); an empty fill leaves the string as is.</summary>
    public static string Pad(string s, int length, string fill, bool left)
    {
        if (length <= 0) return "";
        if (s.Length >= length) return s[..length];
        if (length > 1 << 28) throw new SqlException(SqlState.ProgramLimitExceeded, "requested length too large");
        if (fill.Length == 0) return s;
        var sb = new StringBuilder(length);
        int needed = length - s.Length;
        if (!left) sb.Append(s);
        for (int i = 0; i < needed; i++) sb.Append(fill[i % fill.Length]);
        if (left) sb.Append(s);
        return sb.ToString();
    }

    /// <summary>split_part(s, delimiter, n): the n-th field (negative n counts from the end, PostgreSQL 14+); 0 is an error.</summary>
    public static string SplitPart(string s, string delimiter, int n)
    {
        if (n == 0) throw new SqlException(SqlState.InvalidParameterValue, "field position must not be zero");
        if (delimiter.Length == 0) return n is 1 or -1 ? s : "";
        var parts = s.Split(delimiter, StringSplitOptions.None);
        int index = n > 0 ? n - 1 : parts.Length + n;
        return index >= 0 && index < parts.Length ? parts[index] : "";
    }
}
