namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// Locates the real clients the acceptance suites drive (installed by scripts/install-test-deps.sh). A
/// missing one makes the test fail with the name of the package to install, never skip.
/// </summary>
internal static class ClientTools
{
    public const string JdbcJar = "/usr/share/java/postgresql.jar";

    /// <summary>Debian's interpreter: psycopg2 comes from python3-psycopg2, not from a pyenv or venv python.</summary>
    public const string DebianPython = "/usr/bin/python3";

    public static string ScriptsFolder => Path.Combine(TestPaths.RepositoryRoot, "tests", "clients");

    public static string InteropModules => Path.Combine(TestPaths.RepositoryRoot, "tests", "interop", "node_modules");

    public static string RequirePsql() => Require(OnPath("psql"), "psql not found: install the Debian package postgresql-client (bash scripts/install-test-deps.sh)");

    public static string RequirePython()
    {
        Require(File.Exists(DebianPython) ? DebianPython : null, "/usr/bin/python3 not found: install python3 and python3-psycopg2 (bash scripts/install-test-deps.sh)");
        var probe = ExternalProcess.Run(DebianPython, ["-c", "import psycopg2"], TimeSpan.FromSeconds(30));
        if (probe.ExitCode != 0)
            Assert.Fail("psycopg2 is not importable by /usr/bin/python3: install the Debian package python3-psycopg2 (bash scripts/install-test-deps.sh)\n" + probe.Stderr);
        return DebianPython;
    }

    public static string RequireJava()
    {
        var java = Require(OnPath("java"), "java not found: install default-jre-headless (bash scripts/install-test-deps.sh)");
        Require(File.Exists(JdbcJar) ? JdbcJar : null, $"{JdbcJar} not found: install libpostgresql-jdbc-java (bash scripts/install-test-deps.sh)");
        return java;
    }

    public static string RequireNode()
    {
        var node = Require(OnPath("node"), "node not found: install Node.js");
        foreach (var module in new[] { "pg", "pg-copy-streams" })
            Require(Directory.Exists(Path.Combine(InteropModules, module)) ? module : null,
                $"npm package {module} missing in tests/interop/node_modules: run bash scripts/install-test-deps.sh (npm ci)");
        return node;
    }

    private static string Require(string? found, string message)
    {
        if (found is null) Assert.Fail(message);
        return found;
    }

    private static string? OnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
