namespace ActorWarehouse.Engine.Security;

/// <summary>
/// A database user. <see cref="ScramSha256Verifier"/> is in pg_authid's text form
/// "SCRAM-SHA-256$&lt;iterations&gt;:&lt;base64 salt&gt;$&lt;base64 StoredKey&gt;:&lt;base64 ServerKey&gt;";
/// <see cref="Md5Password"/> is "md5" + hex(md5(password + user name)). Both are null for PASSWORD DISABLE
/// (the user cannot log in with a password). <see cref="IsSuperuser"/> is Redshift's CREATEUSER.
/// </summary>
public sealed record UserAccount(int Id, string Name, bool IsSuperuser, string? ScramSha256Verifier, string? Md5Password)
{
    /// <summary>CREATEDB.</summary>
    public bool CanCreateDatabase { get; init; }

    /// <summary>VALID UNTIL as written (informational), null when not set.</summary>
    public string? ValidUntil { get; init; }

    /// <summary>CONNECTION LIMIT n; -1 = unlimited.</summary>
    public int ConnectionLimit { get; init; } = -1;
}
