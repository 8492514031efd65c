using System.Security.Cryptography;
using System.Text;

namespace ActorWarehouse.Engine.Security;

/// <summary>
/// The stored forms of a password PostgreSQL clients can authenticate against: a SCRAM-SHA-256 verifier (RFC 5802/7677,
/// PostgreSQL's pg_authid text form) and the legacy MD5 hash. Only these are kept; the password itself never is.
/// </summary>
public static class PasswordVerifiers
{
    /// <summary>PostgreSQL's default scram_iterations.</summary>
    public const int ScramIterations = 4096;

    private const int SaltLength = 16;

    /// <summary>A new verifier with a random 16-byte salt.</summary>
    public static string Scram(string password) => Scram(password, RandomNumberGenerator.GetBytes(SaltLength), ScramIterations);

    /// <summary>The verifier for a given salt and iteration count (tests, and checking a password against one).</summary>
    public static string Scram(string password, byte[] salt, int iterations)
    {
        // SASLprep is the identity for the ASCII passwords we expect; like PostgreSQL we use the raw UTF-8 bytes otherwise.
        byte[] salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        byte[] clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        byte[] storedKey = SHA256.HashData(clientKey);
        byte[] serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    /// <summary>"md5" + hex(md5(password ‖ user name)), PostgreSQL's MD5 password form.</summary>
    public static string Md5(string password, string userName) =>
        "md5" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + userName)));

    /// <summary>True when <paramref name="text"/> is already an MD5 hash ("md5" + 32 hex digits), as Redshift accepts in PASSWORD.</summary>
    public static bool IsMd5Hash(string text) =>
        text.Length == 35 && text.StartsWith("md5", StringComparison.Ordinal) && text.AsSpan(3).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;

    /// <summary>Checks a clear-text password against an account (cleartext authentication).</summary>
    public static bool Matches(UserAccount account, string password)
    {
        if (account.ScramSha256Verifier is { } verifier && TryParseScram(verifier, out var iterations, out var salt, out _, out _))
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Scram(password, salt, iterations)), Encoding.ASCII.GetBytes(verifier));
        if (account.Md5Password is { } md5)
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Md5(password, account.Name)), Encoding.ASCII.GetBytes(md5));
        return false;
    }

    /// <summary>Splits a verifier into its parts; false when it is not in pg_authid's SCRAM-SHA-256 form.</summary>
    public static bool TryParseScram(string verifier, out int iterations, out byte[] salt, out byte[] storedKey, out byte[] serverKey)
    {
        iterations = 0;
        salt = storedKey = serverKey = [];
        var parts = verifier.Split('$');
        if (parts.Length != 3 || parts[0] != "SCRAM-SHA-256") return false;
        var head = parts[1].Split(':');
        var keys = parts[2].Split(':');
        if (head.Length != 2 || keys.Length != 2 || !int.TryParse(head[0], System.Globalization.CultureInfo.InvariantCulture, out iterations) || iterations <= 0)
            return false;
        try
        {
            salt = Convert.FromBase64String(head[1]);
            storedKey = Convert.FromBase64String(keys[0]);
            serverKey = Convert.FromBase64String(keys[1]);
        }
        catch (FormatException)
        {
            return false;
        }
        return storedKey.Length == 32 && serverKey.Length == 32;
    }
}
