using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Cli.Output;

public enum OutputFormat
{
    Table,
    Csv,
}

/// <summary>Prints statement results: rows in the chosen format, other statements as their command tag.</summary>
public sealed class ResultPrinter(TextWriter output, OutputFormat format)
{
    private bool _printedRows;

    public static OutputFormat ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        null or "table" or "aligned" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        _ => throw new CliUsageException($"unknown format '{text}' (table or csv)"),
    };

    public void Print(QueryResult result)
    {
        if (!result.ReturnsRows)
        {
            foreach (var notice in result.Notices) output.WriteLine($"NOTICE: {notice}");
            output.WriteLine(result.CommandTag);
            return;
        }
        if (format == OutputFormat.Csv) CsvFormat.Write(output, result);
        else
        {
            if (_printedRows) output.WriteLine();
            TableFormat.Write(output, result);
        }
        _printedRows = true;
    }
}
