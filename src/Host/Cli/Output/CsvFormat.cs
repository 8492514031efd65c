using System.Text;
using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Cli.Output;

/// <summary>
/// RFC 4180 output: a header line, then one line per row. A field is quoted only when it must be
/// (it contains ',', '"', CR or LF, or is an empty string, which keeps it apart from NULL, an empty
/// unquoted field). Lines end with '\n'.
/// </summary>
public static class CsvFormat
{
    public static void Write(TextWriter output, QueryResult result)
    {
        output.Write(Line(result.Columns.Select(c => (string?)c.Name)));
        foreach (var row in ResultRows.Text(result)) output.Write(Line(row));
    }

    public static string Line(IEnumerable<string?> fields)
    {
        var line = new StringBuilder();
        bool first = true;
        foreach (var field in fields)
        {
            if (!first) line.Append(',');
            first = false;
            line.Append(Field(field));
        }
        return line.Append('\n').ToString();
    }

    public static string Field(string? value)
    {
        if (value is null) return "";
        if (value.Length > 0 && value.IndexOfAny([',', '"', '\r', '\n']) < 0) return value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>Parses CSV text (header included) into rows of fields; an empty line is one empty field.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        bool lineHasContent = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i++;
                while (i < text.Length)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                lineHasContent = true;
                continue;
            }
            if (c == ',') { fields.Add(field.ToString()); field.Clear(); lineHasContent = true; i++; continue; }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; continue; }
            if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                lineHasContent = false;
                i++;
                continue;
            }
            field.Append(c);
            lineHasContent = true;
            i++;
        }
        if (lineHasContent || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}
