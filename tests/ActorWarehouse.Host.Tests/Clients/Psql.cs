using System.Globalization;
using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// Debian's psql against a server: `-X` (no ~/.psqlrc), `-q`, ON_ERROR_STOP, password via PGPASSWORD.
/// A run fails the test (with psql's output) when psql exits non-zero or prints an ERROR/FATAL.
/// </summary>
internal sealed class Psql(AwNodeProcess server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _program = ClientTools.RequirePsql();

    public ExternalProcess.Result Run(IEnumerable<string> args, string? standardInput = null)
    {
        var all = new List<string>
        {
            "-X", "-q", "-v", "ON_ERROR_STOP=1",
            "-h", server.Host, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.User, "-d", server.Database,
        };
        all.AddRange(args);
        var environment = new Dictionary<string, string>
        {
            ["PGPASSWORD"] = server.Password,
            ["PGCONNECT_TIMEOUT"] = "10",
            ["PGAPPNAME"] = "aw-psql-acceptance",
            ["PAGER"] = "",
            ["PSQL_PAGER"] = "",
            ["LC_ALL"] = "C.UTF-8",
        };
        return ExternalProcess.Run(_program, all, Timeout, environment, standardInput);
    }

    /// <summary>Runs and returns stdout; fails the test on any error.</summary>
    public string Succeed(string what, IEnumerable<string> args, string? standardInput = null)
    {
        var result = Run(args, standardInput);
        bool ok = result.ExitCode == 0 && !result.TimedOut
            && !result.Stderr.Contains("ERROR:", StringComparison.Ordinal) && !result.Stderr.Contains("FATAL:", StringComparison.Ordinal);
        Assert.True(ok, result.Describe($"psql {what}"));
        return result.Stdout;
    }

    /// <summary>`psql --csv -c SQL`: the rows without the header line; empty fields (NULL) as "".</summary>
    public List<string[]> CsvRows(string what, string sql) => Parse(Succeed(what, ["--csv", "-c", sql]));

    public static List<string[]> Parse(string csv)
    {
        var rows = CsvFormat.Parse(csv);
        return rows.Count == 0 ? rows : rows.GetRange(1, rows.Count - 1);
    }
}
