namespace ActorWarehouse.Host.SqlLogic;

public enum SltOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>A record that did not pass: where, why, and (for queries) both outputs.</summary>
public sealed record SltFailure(string File, int Line, string Sql, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}\n{Indent(Sql)}";

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ");
}

/// <summary>Counts of one file's statement and query records.</summary>
public sealed class SltFileReport
{
    public SltFileReport(string file) => File = file;

    public string File { get; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }
    public List<SltFailure> Failures { get; } = [];

    /// <summary>Skipped records with their reasons (from the skip list or the runner).</summary>
    public List<(int Line, string Reason)> SkipReasons { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public void Add(SltFileReport other)
    {
        Passed += other.Passed;
        Failed += other.Failed;
        Skipped += other.Skipped;
        Failures.AddRange(other.Failures);
    }
}
