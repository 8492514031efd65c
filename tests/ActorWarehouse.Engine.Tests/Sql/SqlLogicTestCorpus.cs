namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>One sqllogictest record: its file, line, kind ("statement ok", "statement error", "query") and SQL.</summary>
internal sealed record SltRecord(string File, int Line, string Kind, string Sql);

/// <summary>
/// Reads sqllogictest files: records are separated by blank lines; the SQL follows a <c>statement</c> or
/// <c>query</c> line up to <c>----</c> or the end of the record. Records guarded by <c>onlyif</c> another
/// engine or <c>skipif postgresql</c> are counted as skipped.
/// </summary>
internal static class SqlLogicTestCorpus
{
    public static string[] Files() => Directory.GetFiles(SharedCorpus.SqlLogicTests, "*.test", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    public static IEnumerable<SltRecord> ReadRecords(string file, ref int skipped)
    {
        var records = new List<SltRecord>();
        string[] lines = File.ReadAllLines(file);
        int i = 0;
        while (i < lines.Length)
        {
            while (i < lines.Length && lines[i].Trim().Length == 0)
            {
                i++;
            }
            int start = i;
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                i++;
            }
            if (start < i && ToRecord(file, lines, start, i) is { } record)
            {
                if (record.Skip)
                {
                    skipped++;
                }
                else
                {
                    records.Add(record.Record);
                }
            }
        }
        return records;
    }

    private static (SltRecord Record, bool Skip)? ToRecord(string file, string[] lines, int start, int end)
    {
        bool skip = false;
        for (int i = start; i < end; i++)
        {
            string line = lines[i];
            if (line.StartsWith("skipif ", StringComparison.Ordinal) || line.StartsWith("onlyif ", StringComparison.Ordinal))
            {
                string engine = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                skip |= line.StartsWith("skipif", StringComparison.Ordinal) ? engine == "postgresql" : engine != "postgresql";
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            string kind;
            if (line.StartsWith("statement ", StringComparison.Ordinal))
            {
                kind = line.StartsWith("statement error", StringComparison.Ordinal) ? "statement error" : "statement ok";
            }
            else if (line.StartsWith("query ", StringComparison.Ordinal) || line == "query")
            {
                kind = "query";
            }
            else
            {
                return null; // hash-threshold, halt, ...
            }
            var sql = new List<string>();
            for (int j = i + 1; j < end && lines[j] != "----"; j++)
            {
                sql.Add(lines[j]);
            }
            return (new SltRecord(file, i + 1, kind, string.Join('\n', sql)), skip);
        }
        return null;
    }
}
