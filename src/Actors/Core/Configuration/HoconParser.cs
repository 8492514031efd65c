using System.Text;

namespace ActorWarehouse.Actors.Configuration;

/// <summary>
/// Parses the HOCON subset we use: objects with <c>=</c>, <c>:</c> or implicit <c>{</c>, dotted keys, arrays,
/// quoted / triple-quoted / unquoted strings (unquoted runs keep inner spaces, so <c>10 s</c> is one value),
/// <c># //</c> comments, newline or comma separators, object merging of repeated keys and
/// <c>${path}</c> / <c>${?path}</c> substitutions. Not supported (raise <see cref="ConfigurationException"/>):
/// include, <c>+=</c>.
/// </summary>
internal sealed class HoconParser
{
    private readonly string _text;
    private int _pos;

    private HoconParser(string text) => _text = text;

    public static HoconObject Parse(string text)
    {
        var parser = new HoconParser(text);
        parser.SkipWhitespaceAndComments(true);
        HoconObject root;
        if (parser.Peek() == '{')
        {
            parser._pos++;
            root = parser.ParseObjectBody('}');
        }
        else
        {
            root = parser.ParseObjectBody('\0');
        }
        parser.SkipWhitespaceAndComments(true);
        if (!parser.AtEnd) throw parser.Error("unexpected text after the root object");
        return root;
    }

    private bool AtEnd => _pos >= _text.Length;
    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private ConfigurationException Error(string what)
    {
        int line = 1;
        for (int i = 0; i < _pos && i < _text.Length; i++) if (_text[i] == '\n') line++;
        return new ConfigurationException($"HOCON: {what} at line {line}");
    }

    private void SkipWhitespaceAndComments(bool includingNewlines)
    {
        while (!AtEnd)
        {
            char c = Peek();
            if (c == '\n' && !includingNewlines) return;
            if (char.IsWhiteSpace(c) || c == '\uFEFF') { _pos++; continue; }
            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (!AtEnd && Peek() != '\n') _pos++;
                continue;
            }
            return;
        }
    }

    private HoconObject ParseObjectBody(char close)
    {
        var obj = new HoconObject();
        while (true)
        {
            SkipWhitespaceAndComments(true);
            while (Peek() == ',') { _pos++; SkipWhitespaceAndComments(true); }
            if (AtEnd)
            {
                if (close != '\0') throw Error($"missing '{close}'");
                return obj;
            }
            if (Peek() == close) { _pos++; return obj; }
            if (Peek() == '}') throw Error("unexpected '}'");

            var path = ParseKey();
            SkipWhitespaceAndComments(false);
            HoconValue value;
            if (Peek() == '{')
            {
                _pos++;
                value = ParseObjectBody('}');
            }
            else if (Peek() == '=' || Peek() == ':')
            {
                _pos++;
                SkipWhitespaceAndComments(false);
                value = ParseValue();
            }
            else if (Peek() == '+' && Peek(1) == '=')
            {
                throw Error("'+=' is not supported");
            }
            else
            {
                throw Error($"expected '=', ':' or '{{' after key '{string.Join('.', path)}'");
            }

            // a.b.c = v is the same as a { b { c = v } }.
            for (int i = path.Count - 1; i >= 1; i--)
            {
                var wrapper = new HoconObject();
                wrapper.Set(path[i], value);
                value = wrapper;
            }
            obj.Merge(path[0], value);
        }
    }

    private List<string> ParseKey()
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        while (!AtEnd)
        {
            char c = Peek();
            if (c == '"')
            {
                current.Append(ParseQuoted());
                continue;
            }
            if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
                _pos++;
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '=' or ':' or '{' or '}' or ',' or '[' or ']' or '#' or '+') break;
            if (c == 'i' && _text.AsSpan(_pos).StartsWith("include ", StringComparison.Ordinal) && current.Length == 0 && parts.Count == 0)
                throw Error("'include' is not supported");
            current.Append(c);
            _pos++;
        }
        if (current.Length == 0 && parts.Count == 0) throw Error("expected a key");
        parts.Add(current.ToString());
        return parts;
    }

    private HoconValue ParseValue()
    {
        var pieces = new List<HoconValue>();
        var text = new StringBuilder();
        bool anyText = false, quoted = false;
        while (!AtEnd)
        {
            char c = Peek();
            if (c == '\n' || c == ',' || c == '}' || c == ']' || c == '#' || (c == '/' && Peek(1) == '/')) break;
            if (c == '{')
            {
                if (anyText || pieces.Count > 0) throw Error("cannot concatenate an object with text");
                _pos++;
                return ParseObjectBody('}');
            }
            if (c == '[')
            {
                if (anyText || pieces.Count > 0) throw Error("cannot concatenate an array with text");
                _pos++;
                return ParseArray();
            }
            if (c == '$' && Peek(1) == '{')
            {
                _pos += 2;
                bool optional = false;
                if (Peek() == '?') { optional = true; _pos++; }
                int end = _text.IndexOf('}', _pos);
                if (end < 0) throw Error("unterminated substitution");
                var sub = new HoconSubstitution(_text[_pos..end].Trim(), optional);
                _pos = end + 1;
                if (anyText) { pieces.Add(new HoconScalar(text.ToString())); text.Clear(); anyText = false; }
                pieces.Add(sub);
                continue;
            }
            if (c == '"')
            {
                text.Append(ParseQuoted());
                anyText = true;
                quoted = true;
                continue;
            }
            text.Append(c);
            anyText = true;
            _pos++;
        }

        if (pieces.Count == 0)
        {
            var s = quoted ? text.ToString().TrimEnd(' ', '\t', '\r') : text.ToString().Trim();
            if (!quoted && s.Length == 0) throw Error("expected a value");
            if (!quoted && s == "null") return new HoconScalar("", isNull: true);
            return new HoconScalar(s);
        }
        var tail = text.ToString().TrimEnd();
        if (tail.Length > 0) pieces.Add(new HoconScalar(tail));
        return pieces.Count == 1 ? pieces[0] : new HoconConcatenation(pieces);
    }

    private HoconArray ParseArray()
    {
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndComments(true);
            while (Peek() == ',') { _pos++; SkipWhitespaceAndComments(true); }
            if (AtEnd) throw Error("missing ']'");
            if (Peek() == ']') { _pos++; return new HoconArray(items); }
            items.Add(ParseValue());
        }
    }

    private string ParseQuoted()
    {
        if (_text.AsSpan(_pos).StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            int end = _text.IndexOf("\"\"\"", _pos + 3, StringComparison.Ordinal);
            if (end < 0) throw Error("unterminated triple-quoted string");
            var s = _text[(_pos + 3)..end];
            _pos = end + 3;
            return s;
        }
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n') throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            char e = _text[_pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)Convert.ToInt32(_text.Substring(_pos, 4), 16));
                    _pos += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
    }
}

/// <summary>Text and substitutions written side by side (<c>${a}/suffix</c>), joined as a string once resolved.</summary>
internal sealed class HoconConcatenation(List<HoconValue> pieces) : HoconValue
{
    public readonly List<HoconValue> Pieces = pieces;
    public override HoconValue DeepCopy() => this;
}
