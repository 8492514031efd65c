using System.Security.Cryptography;
using System.Text;

namespace ActorWarehouse.Host.PgWire.Auth;

/// <summary>
/// The server side of SCRAM-SHA-256 (RFC 5802/7677) without channel binding: we offer only "SCRAM-SHA-256", so
/// clients send the GS2 header "n,," (libpq in clear) or "y,," (Npgsql: could bind, thinks we cannot); "p=" is refused.
/// The user name inside the exchange is ignored, as in PostgreSQL: the startup packet's user counts.
/// </summary>
internal sealed class ScramSha256Exchange(ScramVerifier verifier)
{
    public const string Mechanism = "SCRAM-SHA-256";

    private string _gs2Header = "";
    private string _clientFirstBare = "";
    private string _serverFirst = "";
    private string _nonce = "";

    /// <summary>Answers the client-first message with the server-first message; null when it is malformed.</summary>
    public string? Start(string clientFirst)
    {
        // gs2-header = gs2-cbind-flag "," [authzid] ","
        int firstComma = clientFirst.IndexOf(',');
        if (firstComma < 0) return null;
        int secondComma = clientFirst.IndexOf(',', firstComma + 1);
        if (secondComma < 0) return null;
        var flag = clientFirst[..firstComma];
        if (flag is not ("n" or "y")) return null;
        _gs2Header = clientFirst[..(secondComma + 1)];
        _clientFirstBare = clientFirst[(secondComma + 1)..];
        var clientNonce = Attribute(_clientFirstBare, 'r');
        if (string.IsNullOrEmpty(clientNonce) || !IsPrintable(clientNonce)) return null;
        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(verifier.Salt)},i={verifier.Iterations}";
        return _serverFirst;
    }

    /// <summary>Checks the client-final message; on success returns the server-final message ("v=..."), else null.</summary>
    public string? Finish(string clientFinal)
    {
        int proofAt = clientFinal.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0) return null;
        var withoutProof = clientFinal[..proofAt];
        var channelBinding = Attribute(withoutProof, 'c');
        var nonce = Attribute(withoutProof, 'r');
        if (channelBinding != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header)) || nonce != _nonce) return null;
        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(clientFinal[(proofAt + 3)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (proof.Length != 32) return null;
        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var clientSignature = HMACSHA256.HashData(verifier.StoredKey, authMessage);
        var clientKey = new byte[32];
        for (int i = 0; i < 32; i++) clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(clientKey), verifier.StoredKey)) return null;
        return "v=" + Convert.ToBase64String(HMACSHA256.HashData(verifier.ServerKey, authMessage));
    }

    /// <summary>The value of "x=value" in a comma-separated attribute list, or null.</summary>
    private static string? Attribute(string message, char name)
    {
        foreach (var part in message.Split(','))
            if (part.Length >= 2 && part[0] == name && part[1] == '=') return part[2..];
        return null;
    }

    private static bool IsPrintable(string text)
    {
        foreach (char c in text)
            if (c < 0x21 || c > 0x7e || c == ',') return false;
        return true;
    }
}
