using System.Buffers;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// BYTEDICT: a dictionary of up to 256 distinct values per block, then one byte code per row.
/// A block with more distinct values cannot use it (the writer then stores the block RAW).
/// </summary>
internal sealed class ByteDictEncoding : IBlockEncoding, IFixedBitsCodec
{
    public const int MaxEntries = 256;
    public static readonly ByteDictEncoding Instance = new();

    public ColumnEncoding Encoding => ColumnEncoding.ByteDict;

    public bool TryEncode(ColumnVector column, int count, IBufferWriter<byte> output)
    {
        if (column is not StringVector strings) return FixedBits.TryEncode(this, column, count, output);
        var codes = new byte[count];
        var dictionary = new Dictionary<ReadOnlyMemory<byte>, byte>(Utf8KeyComparer.Instance);
        var entries = new List<ReadOnlyMemory<byte>>();
        var offsets = strings.Offsets;
        for (int i = 0; i < count; i++)
        {
            var value = strings.Data.AsMemory(offsets[i], offsets[i + 1] - offsets[i]);
            if (!dictionary.TryGetValue(value, out byte code))
            {
                if (entries.Count == MaxEntries) return false;
                code = (byte)entries.Count;
                dictionary.Add(value, code);
                entries.Add(value);
            }
            codes[i] = code;
        }
        output.WriteInt32(entries.Count);
        foreach (var entry in entries) StringValues.WriteOne(output, entry.Span);
        output.WriteBytes(codes);
        return true;
    }

    public ColumnVector Decode(ref BlockReader reader, SqlType type, int count)
    {
        if (!PhysicalValues.IsString(type)) return FixedBits.Decode(this, ref reader, type, count);
        int entryCount = reader.ReadCount(MaxEntries);
        var entries = new byte[entryCount][];
        for (int e = 0; e < entryCount; e++) entries[e] = StringValues.ReadOne(ref reader).ToArray();
        var codes = reader.ReadBytes(count);
        var builder = new StringVectorBuilder(count);
        for (int i = 0; i < count; i++)
        {
            int code = codes[i];
            if (code >= entryCount) throw new CorruptBlockException($"dictionary code {code} beyond {entryCount} entries");
            builder.Append(entries[code]);
        }
        return builder.Build(type);
    }

    /// <summary>Distinct values among the first <paramref name="count"/> strings, up to <paramref name="limit"/> + 1 (stops early).</summary>
    public static int CountDistinct(StringVector strings, int count, int limit)
    {
        var seen = new HashSet<ReadOnlyMemory<byte>>(Utf8KeyComparer.Instance);
        for (int i = 0; i < count; i++)
            if (seen.Add(strings.Data.AsMemory(strings.Offsets[i], strings.ByteLength(i))) && seen.Count > limit) break;
        return seen.Count;
    }

    public bool TryEncode<TBits>(ReadOnlySpan<TBits> values, IBufferWriter<byte> output) where TBits : unmanaged, IEquatable<TBits>
    {
        var codes = new byte[values.Length];
        var dictionary = new Dictionary<TBits, byte>();
        var entries = new List<TBits>();
        for (int i = 0; i < values.Length; i++)
        {
            if (!dictionary.TryGetValue(values[i], out byte code))
            {
                if (entries.Count == MaxEntries) return false;
                code = (byte)entries.Count;
                dictionary.Add(values[i], code);
                entries.Add(values[i]);
            }
            codes[i] = code;
        }
        output.WriteInt32(entries.Count);
        output.WriteValues<TBits>(entries.ToArray());
        output.WriteBytes(codes);
        return true;
    }

    public void Decode<TBits>(ref BlockReader reader, Span<TBits> values) where TBits : unmanaged, IEquatable<TBits>
    {
        int entryCount = reader.ReadCount(MaxEntries);
        var entries = new TBits[entryCount];
        reader.ReadInto<TBits>(entries);
        var codes = reader.ReadBytes(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            int code = codes[i];
            if (code >= entryCount) throw new CorruptBlockException($"dictionary code {code} beyond {entryCount} entries");
            values[i] = entries[code];
        }
    }

    /// <summary>Distinct count up to <paramref name="limit"/> + 1 (stops early), for the writer's AUTO choice.</summary>
    public static int CountDistinct<T>(ReadOnlySpan<T> values, int limit) where T : notnull
    {
        var seen = new HashSet<T>();
        foreach (var v in values)
            if (seen.Add(v) && seen.Count > limit) break;
        return seen.Count;
    }
}
