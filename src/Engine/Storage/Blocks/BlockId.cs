using System.Security.Cryptography;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Content address of an immutable block: SHA-256 of its bytes, as 64 lowercase hex digits.
/// SHA-256 rather than a fast non-cryptographic hash because an address collision would silently
/// substitute another block's data; SHA-256 is hardware-accelerated and needs no code of our own.
/// </summary>
public readonly record struct BlockId
{
    public BlockId(string hex)
    {
        if (hex is null || hex.Length != 64 || !IsLowerHex(hex))
            throw new ArgumentException("a block id is 64 lowercase hex digits", nameof(hex));
        Hex = hex;
    }

    public string Hex { get; }

    public static BlockId Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(content, hash);
        return new BlockId(Convert.ToHexStringLower(hash));
    }

    public override string ToString() => Hex;

    private static bool IsLowerHex(string s)
    {
        foreach (char c in s)
            if (!(c is >= '0' and <= '9' || c is >= 'a' and <= 'f')) return false;
        return true;
    }
}
