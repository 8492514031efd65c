using System.Globalization;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// A private PostgreSQL 15 server for differential tests (recipe of shared/docs/deps.md, the TestKit's
/// <see cref="Actors.TestKit.ThrowawayPostgres"/> with fsync off), plus psql to talk to it.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly Actors.TestKit.ThrowawayPostgres _server = new("aw-pg-", settings: ["fsync=off"], stopMode: "immediate");

    public int Port => _server.Port;

    /// <summary>Runs SQL (or psql meta-commands) through psql; returns stdout (CSV when <paramref name="csv"/>).</summary>
    public string Psql(string sql, bool csv = false)
    {
        var args = new List<string> { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres" };
        if (csv) args.Add("--csv");
        args.AddRange(["-c", sql]);
        return Actors.TestKit.ThrowawayPostgres.Run("psql", args);
    }

    public void Dispose() => _server.Dispose();
}
