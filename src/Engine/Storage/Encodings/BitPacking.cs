using System.Buffers;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>Packs unsigned values of a fixed bit width (0..64) into 64-bit words, least-significant bits first.</summary>
internal static class BitPacking
{
    public static int WordCount(int count, int width) => (int)(((long)count * width + 63) >> 6);

    public static void Pack(ReadOnlySpan<ulong> values, int width, IBufferWriter<byte> output)
    {
        if (width == 0) return;
        var words = new ulong[WordCount(values.Length, width)];
        long bit = 0;
        foreach (ulong v in values)
        {
            int word = (int)(bit >> 6), offset = (int)(bit & 63);
            words[word] |= v << offset;
            if (offset + width > 64) words[word + 1] |= v >> (64 - offset);
            bit += width;
        }
        output.WriteValues<ulong>(words);
    }

    public static void Unpack(ref BlockReader reader, scoped Span<ulong> values, int width)
    {
        if (width == 0)
        {
            values.Clear();
            return;
        }
        var words = new ulong[WordCount(values.Length, width)];
        reader.ReadInto<ulong>(words);
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        long bit = 0;
        for (int i = 0; i < values.Length; i++)
        {
            int word = (int)(bit >> 6), offset = (int)(bit & 63);
            ulong v = words[word] >> offset;
            if (offset + width > 64) v |= words[word + 1] << (64 - offset);
            values[i] = v & mask;
            bit += width;
        }
    }

    public static int WidthOf(ulong range) => 64 - System.Numerics.BitOperations.LeadingZeroCount(range);
}
