namespace ActorWarehouse.Host.SqlLogic;

/// <summary>Which flavour of the sqllogictest format a file is written in.</summary>
public enum SltDialect
{
    /// <summary>The original SQLite format: values rendered by column letter, exact comparison.</summary>
    Sqlite,

    /// <summary>DuckDB's extension: rows as TAB-separated lines, tolerant numeric/boolean comparison.</summary>
    DuckDb,
}

public enum SltSortMode
{
    NoSort,
    RowSort,
    ValueSort,
}

/// <summary>A `skipif`/`onlyif` line in front of a record.</summary>
public sealed record SltCondition(bool OnlyIf, string Engine);

/// <summary>One record of a test file; <see cref="Line"/> is the 1-based line of its header.</summary>
public abstract record SltRecord(int Line, IReadOnlyList<SltCondition> Conditions)
{
    /// <summary>True when the conditions say this record is not for <paramref name="engineName"/>.</summary>
    public bool IsExcludedFor(string engineName)
    {
        foreach (var condition in Conditions)
        {
            bool named = string.Equals(condition.Engine, engineName, StringComparison.OrdinalIgnoreCase);
            if (condition.OnlyIf ? !named : named) return true;
        }
        return false;
    }
}

public enum SltStatementExpectation
{
    Ok,
    Error,

    /// <summary>DuckDB's `statement maybe`: either outcome is accepted.</summary>
    Maybe,
}

/// <summary>
/// `statement ok|error|maybe`. <see cref="ExpectedSqlState"/> is the project extension
/// `statement error 22012`; <see cref="ExpectedMessage"/> is the text after `----` (DuckDB wording in
/// DuckDB files, where it is only informational).
/// </summary>
public sealed record SltStatement(
    int Line,
    IReadOnlyList<SltCondition> Conditions,
    SltStatementExpectation Expectation,
    string Sql,
    string? ExpectedSqlState,
    string? ExpectedMessage) : SltRecord(Line, Conditions);

/// <summary>`query &lt;types&gt; [sortmode [label]]` with its SQL and expected output lines.</summary>
public sealed record SltQuery(
    int Line,
    IReadOnlyList<SltCondition> Conditions,
    string Types,
    SltSortMode SortMode,
    string? Label,
    string Sql,
    IReadOnlyList<string> ExpectedLines) : SltRecord(Line, Conditions);

/// <summary>`hash-threshold N`.</summary>
public sealed record SltHashThreshold(int Line, int Threshold) : SltRecord(Line, []);

/// <summary>`halt`: stop reading the file.</summary>
public sealed record SltHalt(int Line) : SltRecord(Line, []);

/// <summary>
/// A control record the runner does not execute (DuckDB's `require`, `mode`, `loop`, runner `set`, ...).
/// <see cref="Words"/> are the words of its first line.
/// </summary>
public sealed record SltControl(int Line, IReadOnlyList<string> Words) : SltRecord(Line, []);
