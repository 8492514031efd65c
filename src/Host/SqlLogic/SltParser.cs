namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// Reads a sqllogictest file into records (README of shared/sqllogictest, sections 2 and 3): records are
/// separated by blank lines, lines starting with '#' are dropped first (they never end a record),
/// `skipif`/`onlyif` lines prefix a record.
/// </summary>
public static class SltParser
{
    public static IReadOnlyList<SltRecord> Parse(string text)
    {
        var records = new List<SltRecord>();
        var lines = text.Split('\n');
        var block = new List<(int Line, string Text)>();
        for (int i = 0; i <= lines.Length; i++)
        {
            string? line = i < lines.Length ? lines[i].TrimEnd('\r') : null;
            if (line is not null && line.StartsWith('#')) continue;
            if (line is null || string.IsNullOrWhiteSpace(line))
            {
                if (block.Count > 0) records.Add(ParseRecord(block));
                block.Clear();
                continue;
            }
            block.Add((i + 1, line));
        }
        return records;
    }

    private static SltRecord ParseRecord(List<(int Line, string Text)> block)
    {
        var conditions = new List<SltCondition>();
        int index = 0;
        while (index < block.Count)
        {
            var words = Words(block[index].Text);
            if (words.Length >= 2 && words[0] is "skipif" or "onlyif")
            {
                conditions.Add(new SltCondition(words[0] == "onlyif", words[1]));
                index++;
                continue;
            }
            break;
        }
        if (index == block.Count)
            return new SltControl(block[0].Line, Words(block[0].Text));

        var (headerLine, header) = block[index];
        var headerWords = Words(header);
        var body = block.Skip(index + 1).Select(b => b.Text).ToList();
        switch (headerWords[0])
        {
            case "statement":
                return ParseStatement(headerLine, conditions, headerWords, body);
            case "query":
                return ParseQuery(headerLine, conditions, headerWords, body);
            case "hash-threshold" when headerWords.Length >= 2 && int.TryParse(headerWords[1], out int threshold):
                return new SltHashThreshold(headerLine, threshold);
            case "halt":
                return new SltHalt(headerLine);
            default:
                return new SltControl(headerLine, headerWords);
        }
    }

    private static SltStatement ParseStatement(int line, List<SltCondition> conditions, string[] header, List<string> body)
    {
        string kind = header.Length > 1 ? header[1] : "ok";
        var expectation = kind switch
        {
            "error" => SltStatementExpectation.Error,
            "maybe" => SltStatementExpectation.Maybe,
            _ => SltStatementExpectation.Ok, // ok, debug
        };
        // Project extension: `statement error 22012` names the SQLSTATE; other words (DuckDB's
        // connection names) are ignored.
        string? sqlState = expectation == SltStatementExpectation.Error && header.Length > 2 && LooksLikeSqlState(header[2])
            ? header[2].ToUpperInvariant()
            : null;
        int separator = body.IndexOf("----");
        string sql = string.Join('\n', separator < 0 ? body : body.Take(separator));
        string? message = separator < 0 ? null : string.Join('\n', body.Skip(separator + 1)).Trim();
        return new SltStatement(line, conditions, expectation, sql, sqlState, string.IsNullOrEmpty(message) ? null : message);
    }

    private static SltQuery ParseQuery(int line, List<SltCondition> conditions, string[] header, List<string> body)
    {
        string types = header.Length > 1 ? header[1] : "";
        var sortMode = SltSortMode.NoSort;
        string? label = null;
        if (header.Length > 2)
        {
            switch (header[2])
            {
                case "nosort": sortMode = SltSortMode.NoSort; break;
                case "rowsort": sortMode = SltSortMode.RowSort; break;
                case "valuesort": sortMode = SltSortMode.ValueSort; break;
                default: break; // a DuckDB connection name
            }
            if (header.Length > 3 && header[2] is "nosort" or "rowsort" or "valuesort")
                label = header[3].Length > 20 ? header[3][..20] : header[3]; // the reference runner keeps 20 characters
        }
        int separator = body.IndexOf("----");
        string sql = string.Join('\n', separator < 0 ? body : body.Take(separator));
        IReadOnlyList<string> expected = separator < 0 ? [] : body.Skip(separator + 1).ToList();
        return new SltQuery(line, conditions, types, sortMode, label, sql, expected);
    }

    private static bool LooksLikeSqlState(string word) =>
        word.Length == 5 && word.All(char.IsAsciiLetterOrDigit);

    private static string[] Words(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
