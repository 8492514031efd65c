using System.Security.Cryptography;
using System.Text;

namespace ActorWarehouse.Host.PgWire.Auth;

/// <summary>
/// MD5 authentication: the client answers "md5" + hex(md5(hex(md5(password + user)) + salt)); the stored hash is
/// "md5" + hex(md5(password + user)), so the server can check without the password.
/// </summary>
internal static class Md5Password
{
    public static bool Matches(string storedHash, ReadOnlySpan<byte> salt, string response)
    {
        if (!storedHash.StartsWith("md5", StringComparison.Ordinal) || storedHash.Length != 35) return false;
        var inner = Encoding.ASCII.GetBytes(storedHash[3..]);
        var salted = new byte[inner.Length + salt.Length];
        inner.CopyTo(salted, 0);
        salt.CopyTo(salted.AsSpan(inner.Length));
        var expected = "md5" + Convert.ToHexStringLower(MD5.HashData(salted));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response));
    }

    /// <summary>Cleartext check against the stored hash.</summary>
    public static bool MatchesCleartext(string storedHash, string userName, string password) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes("md5" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + userName)))),
            Encoding.ASCII.GetBytes(storedHash));
}
