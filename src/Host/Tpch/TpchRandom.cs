using System.Runtime.CompilerServices;

namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// A counter-based random stream (SplitMix64): each row of each table starts its own stream from
/// (table stream id, row number), so any chunk of any table can be generated independently, in
/// parallel, and still produce the same bytes.
/// </summary>
internal struct TpchRandom
{
    private ulong _state;

    public TpchRandom(ulong stream, long row)
    {
        _state = Mix(stream * 0x9E3779B97F4A7C15UL) ^ Mix((ulong)row + 0x632BE59BD9B4E019UL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniformly distributed integer in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(long min, long max) => min + (long)Math.BigMul(NextULong(), (ulong)(max - min + 1), out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int min, int max) => (int)Next((long)min, max);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
