using System.Buffers;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// RUNLENGTH: a run count, then (run length, value) pairs. Strings store each run's value length-prefixed.
/// </summary>
internal sealed class RunLengthEncoding : IBlockEncoding, IFixedBitsCodec
{
    public static readonly RunLengthEncoding Instance = new();

    public ColumnEncoding Encoding => ColumnEncoding.RunLength;

    public bool TryEncode(ColumnVector column, int count, IBufferWriter<byte> output)
    {
        if (column is not ColumnVector<string> strings) return FixedBits.TryEncode(this, column, count, output);
        var values = strings.Values.AsSpan(0, count);
        output.WriteInt32(CountRuns(values));
        int i = 0;
        while (i < count)
        {
            int start = i;
            string value = values[i] ?? "";
            while (i < count && string.Equals(values[i] ?? "", value, StringComparison.Ordinal)) i++;
            output.WriteInt32(i - start);
            StringValues.WriteOne(output, value);
        }
        return true;
    }

    public ColumnVector Decode(ref BlockReader reader, SqlType type, int count)
    {
        if (!PhysicalValues.IsString(type)) return FixedBits.Decode(this, ref reader, type, count);
        var values = new string[count];
        int runs = reader.ReadCount(count);
        int position = 0;
        for (int r = 0; r < runs; r++)
        {
            int length = reader.ReadCount(count - position);
            string value = StringValues.ReadOne(ref reader);
            values.AsSpan(position, length).Fill(value);
            position += length;
        }
        if (position != count) throw new CorruptBlockException($"runs cover {position} of {count} rows");
        return new ColumnVector<string>(type, values, count);
    }

    public bool TryEncode<TBits>(ReadOnlySpan<TBits> values, IBufferWriter<byte> output) where TBits : unmanaged, IEquatable<TBits>
    {
        output.WriteInt32(CountRuns(values));
        int i = 0;
        while (i < values.Length)
        {
            int start = i;
            TBits value = values[i];
            while (i < values.Length && values[i].Equals(value)) i++;
            output.WriteInt32(i - start);
            output.WriteValues(new ReadOnlySpan<TBits>(in value));
        }
        return true;
    }

    public void Decode<TBits>(ref BlockReader reader, Span<TBits> values) where TBits : unmanaged, IEquatable<TBits>
    {
        int runs = reader.ReadCount(values.Length);
        int position = 0;
        var one = new TBits[1];
        for (int r = 0; r < runs; r++)
        {
            int length = reader.ReadCount(values.Length - position);
            reader.ReadInto<TBits>(one);
            values.Slice(position, length).Fill(one[0]);
            position += length;
        }
        if (position != values.Length) throw new CorruptBlockException($"runs cover {position} of {values.Length} rows");
    }

    /// <summary>Number of runs of equal values; the writer's AUTO choice uses it too.</summary>
    public static int CountRuns<T>(ReadOnlySpan<T> values)
    {
        if (values.IsEmpty) return 0;
        int runs = 1;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 1; i < values.Length; i++)
            if (!comparer.Equals(values[i], values[i - 1])) runs++;
        return runs;
    }
}
