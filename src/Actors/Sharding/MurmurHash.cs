namespace ActorWarehouse.Actors.Sharding;

/// <summary>
/// The string hash behind <see cref="HashCodeMessageExtractor"/>: the old Scala MurmurHash variant that upstream's
/// <c>Akka.Util.MurmurHash.StringHash</c> implements, so shard ids stay identical across processes, machines
/// and .NET versions (unlike <see cref="string.GetHashCode()"/>, which is randomized per process).
/// </summary>
public static class MurmurHash
{
    private const uint VisibleMagic = 0x971e137b;
    private const uint HiddenMagicA = 0x95543787;
    private const uint HiddenMagicB = 0x2ad7eb25;
    private const uint VisibleMixer = 0x52dce729;
    private const uint HiddenMixerA = 0x7b7d159c;
    private const uint HiddenMixerB = 0x6bce6396;
    private const uint FinalMixer1 = 0x85ebca6b;
    private const uint FinalMixer2 = 0xc2b2ae35;

    /// <summary>Hash of the UTF-16 code units of <paramref name="s"/>, consumed two at a time.</summary>
    public static int StringHash(string s)
    {
        uint h = ((uint)s.Length * 0x331df49u) ^ VisibleMagic;
        uint a = HiddenMagicA, b = HiddenMagicB;
        int j = 0;
        while (j + 1 < s.Length)
        {
            uint word = ((uint)s[j] << 16) + s[j + 1];
            h = Extend(h, word, a, b);
            a = NextMagicA(a);
            b = NextMagicB(b);
            j += 2;
        }
        if (j < s.Length) h = Extend(h, s[j], a, b);
        return (int)Finalize(h);
    }

    private static uint Extend(uint hash, uint value, uint a, uint b) =>
        ((hash ^ (uint.RotateLeft(value * a, 11) * b)) * 3) + VisibleMixer;

    private static uint NextMagicA(uint a) => (a * 5) + HiddenMixerA;

    private static uint NextMagicB(uint b) => (b * 5) + HiddenMixerB;

    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h *= FinalMixer1;
        h ^= h >> 13;
        h *= FinalMixer2;
        h ^= h >> 16;
        return h;
    }
}
