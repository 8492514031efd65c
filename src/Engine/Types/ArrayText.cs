using System.Text;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// PostgreSQL's text form of one-dimensional arrays ('{a,"b c",NULL}'). The warehouse has no array type; catalog
/// queries that produce or consume arrays (current_schemas, ARRAY(subquery), = ANY(...), array_to_string) use this form.
/// </summary>
public static class ArrayText
{
    /// <summary>The elements of '{...}' (null elements for an unquoted NULL); null when the text is not an array literal.</summary>
    public static List<string?>? Parse(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.Length < 2 || span[0] != '{' || span[^1] != '}') return null;
        var elements = new List<string?>();
        span = span[1..^1];
        if (span.Trim().IsEmpty) return elements;
        var current = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < span.Length) current.Append(span[++i]);
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') { quoted = true; wasQuoted = true; }
            else if (c == ',') { elements.Add(Element(current, wasQuoted)); current.Clear(); wasQuoted = false; }
            else current.Append(c);
        }
        elements.Add(Element(current, wasQuoted));
        return elements;

        static string? Element(StringBuilder text, bool quoted)
        {
            var value = quoted ? text.ToString() : text.ToString().Trim();
            return !quoted && value.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? null : value;
        }
    }

    /// <summary>Formats elements as '{...}', quoting those that need it.</summary>
    public static string Format(IEnumerable<string?> elements)
    {
        var sb = new StringBuilder("{");
        bool first = true;
        foreach (var element in elements)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(QuoteElement(element));
        }
        return sb.Append('}').ToString();
    }

    /// <summary>One element as it appears inside '{...}'.</summary>
    public static string QuoteElement(string? element)
    {
        if (element is null) return "NULL";
        bool needsQuotes = element.Length == 0 || element.Equals("NULL", StringComparison.OrdinalIgnoreCase)
            || element.AsSpan().IndexOfAny("{},\"\\ \t\n\r") >= 0;
        if (!needsQuotes) return element;
        return "\"" + element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
