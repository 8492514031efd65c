using System.Security.Cryptography;
using System.Text;

namespace ActorWarehouse.Actors.Remote.Transport;

/// <summary>
/// The association handshake's proof of the shared secret: HMAC-SHA256 over a fixed label, the peer's fresh
/// nonce (so proofs cannot be replayed), and the prover's uid and address (so they cannot be reflected).
/// </summary>
internal static class Handshake
{
    public const int NonceSize = 32;
    public const int ProofSize = 32;
    private static readonly byte[] Label = "actorwarehouse-associate-v1"u8.ToArray();

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    public static byte[] Proof(byte[] secret, ReadOnlySpan<byte> peerNonce, long proverUid, string proverAddress)
    {
        var address = Encoding.UTF8.GetBytes(proverAddress);
        var data = new byte[Label.Length + NonceSize + 8 + address.Length];
        Label.CopyTo(data, 0);
        peerNonce.CopyTo(data.AsSpan(Label.Length));
        BitConverter.TryWriteBytes(data.AsSpan(Label.Length + NonceSize), proverUid);
        address.CopyTo(data, Label.Length + NonceSize + 8);
        return HMACSHA256.HashData(secret, data);
    }

    public static bool Verify(byte[] secret, ReadOnlySpan<byte> ourNonce, long proverUid, string proverAddress, ReadOnlySpan<byte> proof) =>
        CryptographicOperations.FixedTimeEquals(Proof(secret, ourNonce, proverUid, proverAddress), proof);
}

/// <summary>The peer failed the handshake (wrong or missing secret, malformed hello, timeout).</summary>
internal sealed class HandshakeException(string message) : Exception(message);
