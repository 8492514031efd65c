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
        if (column is not StringVector strings) return FixedBits.TryEncode(this, column, count, output);
        output.WriteInt32(CountRuns(strings, count));
        int i = 0;
        while (i < count)
        {
            int start = i;
            var value = strings.GetBytes(i);
            while (i < count && strings.GetBytes(i).SequenceEqual(value)) i++;
            output.WriteInt32(i - start);
            StringValues.WriteOne(output, value);
        }
        return true;
    }

    public ColumnVector Decode(ref BlockReader reader, SqlType type, int count)
    {
        if (!PhysicalValues.IsString(type)) return FixedBits.Decode(this, ref reader, type, count);
        int runs = reader.ReadCount(count);
        var builder = new StringVectorBuilder(count);
        for (int r = 0; r < runs; r++)
        {
            int length = reader.ReadCount(count - builder.Count);
            var value = StringValues.ReadOne(ref reader);
            for (int k = 0; k < length; k++) builder.Append(value);
        }
        if (builder.Count != count) throw new CorruptBlockException($"runs cover {builder.Count} of {count} rows");
        return builder.Build(type);
    }

    /// <summary>Number of runs of equal values among the first <paramref name="count"/> strings.</summary>
    public static int CountRuns(StringVector strings, int count)
    {
        int runs = 0;
        for (int i = 0; i < count; i++)
            if (i == 0 || !strings.GetBytes(i).SequenceEqual(strings.GetBytes(i - 1))) runs++;
        return runs;
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
