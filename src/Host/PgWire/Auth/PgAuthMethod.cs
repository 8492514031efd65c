namespace ActorWarehouse.Host.PgWire.Auth;

/// <summary>
/// How clients prove their password, with pg_hba.conf's names: <c>scram-sha-256</c> (default), <c>md5</c> (also
/// accepts SCRAM for users that have no MD5 hash, as PostgreSQL does), <c>password</c> (cleartext; loopback only).
/// Chosen with the environment variable AW_AUTH_METHOD for <c>aw node</c>.
/// </summary>
public enum PgAuthMethod
{
    ScramSha256,
    Md5,
    Password,
}

public static class PgAuthMethods
{
    public const string EnvironmentVariable = "AW_AUTH_METHOD";

    public static PgAuthMethod Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "scram-sha-256" or "scram" => PgAuthMethod.ScramSha256,
        "md5" => PgAuthMethod.Md5,
        "password" or "cleartext" => PgAuthMethod.Password,
        _ => throw new ArgumentException($"unknown authentication method '{text}' (scram-sha-256, md5, password)"),
    };

    public static string Name(PgAuthMethod method) => method switch
    {
        PgAuthMethod.Md5 => "md5",
        PgAuthMethod.Password => "password",
        _ => "scram-sha-256",
    };
}
