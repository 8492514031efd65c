using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorWarehouse.Host.PgWire.Auth;

/// <summary>
/// A SCRAM-SHA-256 verifier in pg_authid's form "SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey" (RFC 5803):
/// all the server keeps, and all it needs to check a client proof.
/// </summary>
internal sealed record ScramVerifier(int Iterations, byte[] Salt, byte[] StoredKey, byte[] ServerKey)
{
    private const string Prefix = "SCRAM-SHA-256$";

    public static ScramVerifier? Parse(string? text)
    {
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 2) return null;
        var head = parts[0].Split(':');
        var keys = parts[1].Split(':');
        if (head.Length != 2 || keys.Length != 2) return null;
        if (!int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 1) return null;
        try
        {
            var verifier = new ScramVerifier(iterations, Convert.FromBase64String(head[1]), Convert.FromBase64String(keys[0]), Convert.FromBase64String(keys[1]));
            return verifier.StoredKey.Length == 32 && verifier.ServerKey.Length == 32 ? verifier : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A verifier that no password matches, with a salt derived from the user name and a per-server secret: an unknown
    /// user goes through the same exchange as a wrong password (PostgreSQL does this against user enumeration).
    /// </summary>
    public static ScramVerifier Impossible(string userName, byte[] serverSecret)
    {
        var salt = HMACSHA256.HashData(serverSecret, Encoding.UTF8.GetBytes(userName))[..16];
        return new ScramVerifier(4096, salt, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>True when <paramref name="password"/> (sent in clear) derives this verifier's StoredKey.</summary>
    public bool Matches(string password)
    {
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(clientKey), StoredKey);
    }
}
