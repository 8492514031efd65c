using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// A compiled LIKE/ILIKE pattern: '%' any run, '_' any one character, the escape character (default
/// backslash; empty for none) makes the next character literal. Common shapes ('abc', 'abc%', '%abc',
/// '%abc%') become ordinal string calls; anything else matches '%'-separated segments leftmost-first,
/// which is exact for wildcard patterns because a '%' can absorb whatever a later placement would skip.
/// </summary>
internal sealed class LikePattern
{
    private enum Shape { Exact, Prefix, Suffix, Contains, Any, General }

    private readonly Shape _shape;
    private readonly string _literal = "";
    private readonly Segment[] _segments = [];
    private readonly bool _startsWithPercent;
    private readonly bool _endsWithPercent;
    private readonly StringComparison _comparison;
    private readonly bool _ignoreCase;

    private readonly record struct Segment(string Chars, bool[] IsAny, bool HasWildcard);

    // Case-sensitive patterns without '_' also match UTF-8 bytes directly: UTF-8 is self-synchronising, so a
    // byte match of a whole-character literal always starts and ends on character boundaries.
    private readonly bool _matchesBytes;
    private readonly byte[] _literalUtf8 = [];
    private readonly byte[][] _segmentsUtf8 = [];

    public LikePattern(string pattern, bool ignoreCase, string? escape = "\\")
    {
        _ignoreCase = ignoreCase;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (escape is { Length: > 1 })
            throw new SqlException(SqlState.InvalidEscapeSequence, "invalid escape string", hint: "Escape string must be empty or one character.");
        char? esc = string.IsNullOrEmpty(escape) ? null : escape[0];

        var segments = new List<Segment>();
        var chars = new System.Text.StringBuilder();
        var any = new List<bool>();
        bool hasWildcard = false;
        int percentCount = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (esc is { } e && c == e)
            {
                if (++i >= pattern.Length)
                    throw new SqlException(SqlState.InvalidEscapeSequence, "LIKE pattern must not end with escape character");
                chars.Append(pattern[i]);
                any.Add(false);
            }
            else if (c == '%')
            {
                segments.Add(new Segment(chars.ToString(), [.. any], hasWildcard));
                chars.Clear();
                any.Clear();
                hasWildcard = false;
                percentCount++;
            }
            else
            {
                chars.Append(c);
                any.Add(c == '_');
                hasWildcard |= c == '_';
            }
        }
        segments.Add(new Segment(chars.ToString(), [.. any], hasWildcard));

        // Empty segments between consecutive '%' carry no constraint.
        var first = segments[0];
        var last = segments[^1];
        _startsWithPercent = segments.Count > 1;
        _endsWithPercent = segments.Count > 1;
        bool anyWildcard = segments.Exists(s => s.HasWildcard);
        var middle = segments.Count > 2 ? segments.GetRange(1, segments.Count - 2).FindAll(s => s.Chars.Length > 0) : [];

        if (!anyWildcard && percentCount == 0) { _shape = Shape.Exact; _literal = first.Chars; }
        else if (!anyWildcard && middle.Count == 0 && first.Chars.Length == 0 && last.Chars.Length == 0) _shape = Shape.Any;
        else if (!anyWildcard && middle.Count == 0 && last.Chars.Length == 0) { _shape = Shape.Prefix; _literal = first.Chars; }
        else if (!anyWildcard && middle.Count == 0 && first.Chars.Length == 0) { _shape = Shape.Suffix; _literal = last.Chars; }
        else if (!anyWildcard && middle.Count == 1 && first.Chars.Length == 0 && last.Chars.Length == 0) { _shape = Shape.Contains; _literal = middle[0].Chars; }
        else
        {
            _shape = Shape.General;
            var kept = new List<Segment> { first };
            kept.AddRange(middle);
            if (segments.Count > 1) kept.Add(last);
            _segments = [.. kept];
        }
        _matchesBytes = !ignoreCase && !anyWildcard;
        _literalUtf8 = System.Text.Encoding.UTF8.GetBytes(_literal);
        _segmentsUtf8 = Array.ConvertAll(_segments, segment => System.Text.Encoding.UTF8.GetBytes(segment.Chars));
    }

    /// <summary>Matches a UTF-8 value (decoding it only for ILIKE and '_' patterns).</summary>
    public bool IsMatch(ReadOnlySpan<byte> value)
    {
        if (!_matchesBytes) return IsMatch(value.IsEmpty ? "" : System.Text.Encoding.UTF8.GetString(value));
        switch (_shape)
        {
            case Shape.Exact: return value.SequenceEqual(_literalUtf8);
            case Shape.Any: return true;
            case Shape.Prefix: return value.StartsWith(_literalUtf8);
            case Shape.Suffix: return value.EndsWith(_literalUtf8);
            case Shape.Contains: return value.IndexOf(_literalUtf8) >= 0;
            default: return MatchGeneralBytes(value);
        }
    }

    private bool MatchGeneralBytes(ReadOnlySpan<byte> text)
    {
        var head = _segmentsUtf8[0];
        if (!_startsWithPercent) return text.SequenceEqual(head);
        var tail = _segmentsUtf8[^1];
        if (text.Length < head.Length + tail.Length || !text.StartsWith(head) || !text.EndsWith(tail)) return false;
        int pos = head.Length, tailStart = text.Length - tail.Length;
        for (int s = 1; s < _segmentsUtf8.Length - 1; s++)
        {
            int at = text[pos..tailStart].IndexOf(_segmentsUtf8[s]);
            if (at < 0) return false;
            pos += at + _segmentsUtf8[s].Length;
        }
        return true;
    }

    public bool IsMatch(string value)
    {
        switch (_shape)
        {
            case Shape.Exact: return value.Equals(_literal, _comparison);
            case Shape.Any: return true;
            case Shape.Prefix: return value.StartsWith(_literal, _comparison);
            case Shape.Suffix: return value.EndsWith(_literal, _comparison);
            case Shape.Contains: return value.Contains(_literal, _comparison);
            default: return MatchGeneral(value);
        }
    }

    private bool MatchGeneral(string value)
    {
        var text = value.AsSpan();
        if (!_startsWithPercent)
        {
            // No '%': the single segment must cover the whole value.
            var only = _segments[0];
            return text.Length == only.Chars.Length && MatchesAt(text, 0, only);
        }
        var head = _segments[0];
        var tail = _segments[^1];
        if (text.Length < head.Chars.Length + tail.Chars.Length) return false;
        if (!MatchesAt(text, 0, head)) return false;
        int tailStart = text.Length - tail.Chars.Length;
        if (!MatchesAt(text, tailStart, tail)) return false;
        int pos = head.Chars.Length;
        for (int s = 1; s < _segments.Length - 1; s++)
        {
            var segment = _segments[s];
            int found = -1;
            if (!segment.HasWildcard)
            {
                // Plain text between two '%': a vectorized substring search.
                int at = text[pos..tailStart].IndexOf(segment.Chars, _comparison);
                found = at < 0 ? -1 : pos + at;
            }
            else
            {
                for (int p = pos; p + segment.Chars.Length <= tailStart; p++)
                {
                    if (MatchesAt(text, p, segment)) { found = p; break; }
                }
            }
            if (found < 0) return false;
            pos = found + segment.Chars.Length;
        }
        return true;
    }

    private bool MatchesAt(ReadOnlySpan<char> text, int at, Segment segment)
    {
        var chars = segment.Chars;
        if (!segment.HasWildcard)
            return text.Slice(at, chars.Length).Equals(chars, _comparison);
        for (int k = 0; k < chars.Length; k++)
        {
            if (segment.IsAny[k]) continue;
            char a = text[at + k], b = chars[k];
            if (a == b) continue;
            if (!_ignoreCase || char.ToUpperInvariant(a) != char.ToUpperInvariant(b)) return false;
        }
        return true;
    }
}
