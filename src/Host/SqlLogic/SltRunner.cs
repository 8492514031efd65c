using System.Diagnostics;
using System.Text.RegularExpressions;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// Runs one sqllogictest file against a fresh database, record by record, following
/// shared/sqllogictest/README.md sections 2 (original format) and 3 (DuckDB extensions).
/// </summary>
public sealed partial class SltRunner
{
    private readonly SltRunOptions _options;

    public SltRunner(SltRunOptions options) => _options = options;

    public SltFileReport RunFile(string path, Func<ISltDatabase> openDatabase, CancellationToken cancellationToken = default)
    {
        // Project extension: __SLT_DIR__ names the test file's folder (for COPY of data files beside it).
        string text = File.ReadAllText(path).Replace("__SLT_DIR__", Path.GetDirectoryName(Path.GetFullPath(path)), StringComparison.Ordinal);
        var dialect = _options.Dialect ?? SltDialectDetector.Detect(Path.GetFullPath(path), text);
        using var database = openDatabase();
        return Run(path, text, dialect, database, cancellationToken);
    }

    public SltFileReport Run(string path, string text, SltDialect dialect, ISltDatabase database, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var state = new FileState(path, dialect, new SltFileReport(path));
        var records = SltParser.Parse(text);
        for (int i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = records[i];
            if (record is SltHalt) break;
            if (record is SltHashThreshold threshold) { state.HashThreshold = threshold.Threshold; continue; }
            if (record is SltControl control)
            {
                string? stopReason = HandleControl(control, state);
                if (stopReason is not null)
                {
                    SkipRemaining(records, i + 1, stopReason, state);
                    break;
                }
                continue;
            }

            if (state.ModeSkip) { Skip(state, record.Line, "mode skip"); continue; }
            string? skipReason = _options.SkipList.ReasonFor(path, record.Line);
            if (skipReason is not null) { Skip(state, record.Line, skipReason); continue; }
            if (record.IsExcludedFor(_options.EngineName))
            {
                if (record is SltQuery { Label: not null } skippedQuery) CheckLabelOfSkipped(skippedQuery, state);
                else Skip(state, record.Line, $"not for {_options.EngineName}");
                continue;
            }

            bool abandon = record switch
            {
                SltStatement statement => RunStatement(statement, database, state, cancellationToken),
                SltQuery query => RunQuery(query, database, state, cancellationToken),
                _ => false,
            };
            if (abandon)
            {
                int remaining = records.Skip(i + 1).Count(r => r is SltStatement or SltQuery);
                if (remaining > 0)
                {
                    state.Report.Failed += remaining;
                    state.Report.Failures.Add(new SltFailure(path, record.Line, "", $"file abandoned after a timeout: {remaining} later records not run"));
                }
                break;
            }
        }
        state.Report.Elapsed = clock.Elapsed;
        return state.Report;
    }

    /// <summary>Returns a reason to stop the file (skipping the rest), or null to go on.</summary>
    private static string? HandleControl(SltControl control, FileState state)
    {
        string first = control.Words.Count > 0 ? control.Words[0] : "";
        switch (first)
        {
            case "require":
                // The only requirement in the shared selection; this runner never re-runs queries another way.
                return control.Words.Count > 1 && control.Words[1] == "no_alternative_verify"
                    ? null
                    : $"requires {string.Join(' ', control.Words.Skip(1))}";
            case "mode":
                if (control.Words.Count > 1 && control.Words[1] == "skip") state.ModeSkip = true;
                else if (control.Words.Count > 1 && control.Words[1] == "unskip") state.ModeSkip = false;
                return null;
            case "set" or "reset":
                return null; // DuckDB runner settings (lower-case first word), not SQL
            default:
                state.Report.Failed++;
                state.Report.Failures.Add(new SltFailure(state.Path, control.Line, string.Join(' ', control.Words), $"unsupported record '{first}'"));
                return null;
        }
    }

    private static void SkipRemaining(IReadOnlyList<SltRecord> records, int from, string reason, FileState state)
    {
        for (int i = from; i < records.Count; i++)
            if (records[i] is SltStatement or SltQuery) Skip(state, records[i].Line, reason);
    }

    private static void Skip(FileState state, int line, string reason)
    {
        state.Report.Skipped++;
        state.Report.SkipReasons.Add((line, reason));
    }

    private bool RunStatement(SltStatement statement, ISltDatabase database, FileState state, CancellationToken cancellationToken)
    {
        if (state.Dialect == SltDialect.DuckDb && DefaultNullOrder().IsMatch(statement.Sql))
        {
            // DuckDB-only setting (NULLs first in both directions). Emulated instead of run: the rest of
            // the file is compared without regard to row order (README section 3).
            state.OrderInsensitive = true;
            Skip(state, statement.Line, "DuckDB-only SET default_null_order: later results compared order-insensitively");
            return false;
        }

        var outcome = Execute(statement.Sql, database, cancellationToken);
        if (outcome.TimedOut)
        {
            Fail(state, statement.Line, statement.Sql, $"timed out after {_options.StatementTimeout.TotalSeconds:0} s");
            return true;
        }
        switch (statement.Expectation)
        {
            case SltStatementExpectation.Ok when outcome.Error is null:
            case SltStatementExpectation.Maybe when outcome.Crash is null:
                state.Report.Passed++;
                break;
            case SltStatementExpectation.Ok:
                Fail(state, statement.Line, statement.Sql, $"statement failed: {Describe(outcome)}");
                break;
            case SltStatementExpectation.Error when outcome.Error is null:
                Fail(state, statement.Line, statement.Sql, "statement succeeded but an error was expected");
                break;
            case SltStatementExpectation.Error when outcome.Crash is not null:
                Fail(state, statement.Line, statement.Sql, $"expected a SQL error, the engine crashed: {Describe(outcome)}");
                break;
            case SltStatementExpectation.Error:
                string? mismatch = CheckExpectedError(statement, outcome.Error!, state.Dialect);
                if (mismatch is null) state.Report.Passed++;
                else Fail(state, statement.Line, statement.Sql, mismatch);
                break;
            default:
                Fail(state, statement.Line, statement.Sql, $"statement failed: {Describe(outcome)}");
                break;
        }
        return false;
    }

    /// <summary>SQLSTATE (project extension) and message checks; DuckDB messages are informational only.</summary>
    private static string? CheckExpectedError(SltStatement statement, Exception error, SltDialect dialect)
    {
        var sqlError = error as SqlException;
        if (statement.ExpectedSqlState is { } expectedState && sqlError?.SqlState != expectedState)
            return $"expected SQLSTATE {expectedState}, got {sqlError?.SqlState ?? "none"}: {error.Message}";
        if (dialect == SltDialect.Sqlite && statement.ExpectedMessage is { } expectedMessage
            && !error.Message.Contains(expectedMessage, StringComparison.OrdinalIgnoreCase))
            return $"expected an error containing '{expectedMessage}', got: {error.Message}";
        return null;
    }

    private bool RunQuery(SltQuery query, ISltDatabase database, FileState state, CancellationToken cancellationToken)
    {
        var outcome = Execute(query.Sql, database, cancellationToken);
        if (outcome.TimedOut)
        {
            Fail(state, query.Line, query.Sql, $"timed out after {_options.StatementTimeout.TotalSeconds:0} s");
            return true;
        }
        if (outcome.Error is not null)
        {
            Fail(state, query.Line, query.Sql, $"query failed: {Describe(outcome)}");
            return false;
        }
        if (outcome.Result is not { } result)
        {
            Fail(state, query.Line, query.Sql, "query returned no result set");
            return false;
        }
        if (result.ColumnCount != query.Types.Length)
        {
            Fail(state, query.Line, query.Sql, $"expected {query.Types.Length} columns ({query.Types}), got {result.ColumnCount}");
            return false;
        }

        var rows = Render(result, query.Types, state.Dialect);
        string? mismatch = state.Dialect == SltDialect.DuckDb
            ? SltComparer.CompareDuckDb(query, rows, state.OrderInsensitive || !SqlText.HasTopLevelOrderBy(query.Sql), _options.MaxValuesShown)
            : SltComparer.CompareSqlite(query, rows, state.HashThreshold, _options.MaxValuesShown, out string md5, state.Labels);
        if (mismatch is null) state.Report.Passed++;
        else Fail(state, query.Line, query.Sql, mismatch);
        return false;
    }

    private void CheckLabelOfSkipped(SltQuery query, FileState state)
    {
        if (state.Dialect == SltDialect.DuckDb)
        {
            Skip(state, query.Line, $"not for {_options.EngineName}");
            return;
        }
        string? mismatch = SltComparer.CheckLabelOfExpected(query, state.Labels);
        if (mismatch is null) Skip(state, query.Line, $"not for {_options.EngineName} (label checked)");
        else Fail(state, query.Line, query.Sql, mismatch);
    }

    private static List<string[]> Render(SltResultSet result, string types, SltDialect dialect)
    {
        var rows = new List<string[]>(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            var rendered = new string[row.Length];
            for (int c = 0; c < row.Length; c++) rendered[c] = SltRenderer.Render(row[c], types[c], dialect);
            rows.Add(rendered);
        }
        return rows;
    }

    /// <summary>Stack of the thread each record runs on: deep plans (64-way joins) must not overflow.</summary>
    private const int ExecutionStackBytes = 256 * 1024 * 1024;

    private ExecutionOutcome Execute(string sql, ISltDatabase database, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        SltResultSet? result = null;
        Exception? error = null;
        var worker = new Thread(() =>
        {
            try { result = database.Execute(sql, timeout.Token); }
            catch (Exception e) { error = e; }
        }, ExecutionStackBytes) { IsBackground = true, Name = "slt record" };
        worker.Start();
        if (!worker.Join(_options.StatementTimeout))
        {
            timeout.Cancel();
            return new ExecutionOutcome(null, null, null, TimedOut: true);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return error switch
        {
            null => new ExecutionOutcome(result, null, null, false),
            SqlException => new ExecutionOutcome(null, error, null, false),
            _ => new ExecutionOutcome(null, error, error, false),
        };
    }

    private static string Describe(ExecutionOutcome outcome) => outcome.Error switch
    {
        SqlException sql => $"ERROR: {sql.Message} (SQLSTATE {sql.SqlState})",
        { } other => $"{other.GetType().Name}: {other.Message}",
        null => "no error",
    };

    private static void Fail(FileState state, int line, string sql, string message)
    {
        state.Report.Failed++;
        state.Report.Failures.Add(new SltFailure(state.Path, line, sql, message));
    }

    [GeneratedRegex(@"^\s*set\s+default_null_order\b", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultNullOrder();

    private sealed record ExecutionOutcome(SltResultSet? Result, Exception? Error, Exception? Crash, bool TimedOut);

    private sealed class FileState(string path, SltDialect dialect, SltFileReport report)
    {
        public string Path { get; } = path;
        public SltDialect Dialect { get; } = dialect;
        public SltFileReport Report { get; } = report;
        public int HashThreshold { get; set; } = 8;
        public bool ModeSkip { get; set; }
        public bool OrderInsensitive { get; set; }
        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    }
}
