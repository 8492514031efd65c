namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// Issue #3 acceptance: the client suites of tests/clients (psycopg2, PgJDBC, node-postgres) run against a
/// real aw node and every check passes. Each script prints one line per check; on failure the assertion
/// shows that output and the end of the node's log.
/// </summary>
[Trait("Category", "Clients")]
public sealed class ClientSuitesSpec(AwNodeFixture fixture) : IClassFixture<AwNodeFixture>
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void Psycopg2_suite_passes_against_aw_node()
    {
        var python = ClientTools.RequirePython();
        AssertSuitePasses("psycopg2", python, [Path.Combine(ClientTools.ScriptsFolder, "python", "client_checks.py")]);
    }

    [Fact]
    public void PgJdbc_suite_passes_against_aw_node()
    {
        var java = ClientTools.RequireJava();
        AssertSuitePasses("PgJDBC", java, ["-cp", ClientTools.JdbcJar, Path.Combine(ClientTools.ScriptsFolder, "java", "ClientChecks.java")]);
    }

    [Fact]
    public void Node_postgres_suite_passes_against_aw_node()
    {
        var node = ClientTools.RequireNode();
        AssertSuitePasses("node-postgres", node, [Path.Combine(ClientTools.ScriptsFolder, "node", "client_checks.js")]);
    }

    private void AssertSuitePasses(string client, string program, IReadOnlyList<string> args)
    {
        var server = fixture.Node;
        var result = ExternalProcess.Run(program, args, SuiteTimeout, server.ClientEnvironment());
        Assert.True(result.ExitCode == 0 && !result.TimedOut,
            result.Describe($"{client} suite against aw node on port {server.Port}") + "\n--- aw node log (end) ---\n" + Tail(server.Log));
        Assert.Contains(" passed, 0 failed", result.Stdout, StringComparison.Ordinal);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
