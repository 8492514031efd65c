using System.Buffers;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// AZ64-like codec for integers, dates, timestamps and decimals: values in groups of 128, each group stored
/// either frame-of-reference (minimum + bit-packed offsets) or, when narrower, delta frame-of-reference
/// (first value + minimum delta + bit-packed delta offsets) — sorted data packs into a few bits per value.
/// All arithmetic wraps modulo 2^64, so every long round-trips.
/// Group layout: mode byte (0 FOR, 1 delta), base int64, [min delta int64 in delta mode], width byte, packed words.
/// </summary>
internal sealed class Az64Encoding : IntegerEncoding
{
    public const int GroupSize = 128;
    public static readonly Az64Encoding Instance = new();

    public override ColumnEncoding Encoding => ColumnEncoding.Az64;

    /// <summary>Encoded size in bytes without encoding (one pass over the values), for the AUTO choice.</summary>
    public static long EstimateSize(ReadOnlySpan<long> values)
    {
        long total = 0;
        for (int start = 0; start < values.Length; start += GroupSize)
        {
            var group = values.Slice(start, Math.Min(GroupSize, values.Length - start));
            long min = long.MaxValue, max = long.MinValue, minDelta = long.MaxValue, maxDelta = long.MinValue;
            for (int i = 0; i < group.Length; i++)
            {
                long v = group[i];
                if (v < min) min = v;
                if (v > max) max = v;
                if (i == 0) continue;
                long d = unchecked(v - group[i - 1]);
                if (d < minDelta) minDelta = d;
                if (d > maxDelta) maxDelta = d;
            }
            long forWords = BitPacking.WordCount(group.Length, BitPacking.WidthOf(unchecked((ulong)(max - min))));
            long deltaWords = group.Length > 1 ? BitPacking.WordCount(group.Length - 1, BitPacking.WidthOf(unchecked((ulong)(maxDelta - minDelta)))) + 1 : forWords;
            total += 10 + 8 * Math.Min(forWords, deltaWords);
        }
        return total;
    }

    protected override bool TryEncode(ReadOnlySpan<long> values, IBufferWriter<byte> output)
    {
        Span<ulong> packed = stackalloc ulong[GroupSize];
        for (int start = 0; start < values.Length; start += GroupSize)
        {
            var group = values.Slice(start, Math.Min(GroupSize, values.Length - start));
            long min = long.MaxValue, max = long.MinValue, minDelta = long.MaxValue, maxDelta = long.MinValue;
            for (int i = 0; i < group.Length; i++)
            {
                long v = group[i];
                if (v < min) min = v;
                if (v > max) max = v;
                if (i == 0) continue;
                long d = unchecked(v - group[i - 1]);
                if (d < minDelta) minDelta = d;
                if (d > maxDelta) maxDelta = d;
            }
            int forWidth = BitPacking.WidthOf(unchecked((ulong)(max - min)));
            int deltaWidth = group.Length > 1 ? BitPacking.WidthOf(unchecked((ulong)(maxDelta - minDelta))) : 64;
            bool useDelta = group.Length > 1 && BitPacking.WordCount(group.Length - 1, deltaWidth) + 1 < BitPacking.WordCount(group.Length, forWidth);
            if (useDelta)
            {
                output.WriteByte(1);
                output.WriteInt64(group[0]);
                output.WriteInt64(minDelta);
                output.WriteByte((byte)deltaWidth);
                for (int i = 1; i < group.Length; i++) packed[i - 1] = unchecked((ulong)(group[i] - group[i - 1] - minDelta));
                BitPacking.Pack(packed.Slice(0, group.Length - 1), deltaWidth, output);
            }
            else
            {
                output.WriteByte(0);
                output.WriteInt64(min);
                output.WriteByte((byte)forWidth);
                for (int i = 0; i < group.Length; i++) packed[i] = unchecked((ulong)(group[i] - min));
                BitPacking.Pack(packed.Slice(0, group.Length), forWidth, output);
            }
        }
        return true;
    }

    protected override void Decode(ref BlockReader reader, Span<long> values)
    {
        Span<ulong> packed = stackalloc ulong[GroupSize];
        for (int start = 0; start < values.Length; start += GroupSize)
        {
            var group = values.Slice(start, Math.Min(GroupSize, values.Length - start));
            byte mode = reader.ReadByte();
            long first = reader.ReadInt64();
            if (mode == 1)
            {
                long minDelta = reader.ReadInt64();
                int width = ReadWidth(ref reader);
                BitPacking.Unpack(ref reader, packed.Slice(0, group.Length - 1), width);
                long current = first;
                group[0] = current;
                for (int i = 1; i < group.Length; i++)
                {
                    current = unchecked(current + minDelta + (long)packed[i - 1]);
                    group[i] = current;
                }
            }
            else if (mode == 0)
            {
                int width = ReadWidth(ref reader);
                BitPacking.Unpack(ref reader, packed.Slice(0, group.Length), width);
                for (int i = 0; i < group.Length; i++) group[i] = unchecked(first + (long)packed[i]);
            }
            else throw new CorruptBlockException($"unknown AZ64 group mode {mode}");
        }
    }

    private static int ReadWidth(ref BlockReader reader)
    {
        int width = reader.ReadByte();
        if (width > 64) throw new CorruptBlockException($"bit width {width} above 64");
        return width;
    }
}
