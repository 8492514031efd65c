using System.Text;
using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Cli.Output;

/// <summary>
/// psql's aligned format: centred headers, a dashed rule joined by '+', values separated by " | ",
/// numbers right-aligned, other values left-aligned, NULL as nothing, and a "(N rows)" footer.
/// </summary>
public static class TableFormat
{
    public static void Write(TextWriter output, QueryResult result)
    {
        var rows = ResultRows.Text(result);
        int columns = result.Columns.Count;
        var widths = new int[columns];
        var rightAlign = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            widths[c] = Width(result.Columns[c].Name);
            rightAlign[c] = result.Columns[c].Type.IsNumeric;
        }
        foreach (var row in rows)
            for (int c = 0; c < columns; c++)
                widths[c] = Math.Max(widths[c], Width(row[c] ?? ""));

        var line = new StringBuilder();
        for (int c = 0; c < columns; c++)
        {
            if (c > 0) line.Append('|');
            string name = result.Columns[c].Name;
            int padding = widths[c] - Width(name);
            int left = padding / 2;
            line.Append(' ').Append(' ', left).Append(name);
            if (c < columns - 1) line.Append(' ', padding - left + 1);
        }
        output.WriteLine(line.ToString());
        output.WriteLine(string.Join("+", widths.Select(w => new string('-', w + 2))));
        foreach (var row in rows)
        {
            line.Clear();
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) line.Append('|');
                string value = (row[c] ?? "").Replace("\n", "\\n");
                int padding = widths[c] - Width(value);
                line.Append(' ');
                if (rightAlign[c]) line.Append(' ', padding).Append(value);
                else
                {
                    line.Append(value);
                    if (c < columns - 1) line.Append(' ', padding);
                }
                if (c < columns - 1) line.Append(' ');
            }
            output.WriteLine(line.ToString());
        }
        output.WriteLine(rows.Count == 1 ? "(1 row)" : $"({rows.Count} rows)");
    }

    private static int Width(string text) => text.Contains('\n') ? text.Replace("\n", "\\n").Length : text.Length;
}
