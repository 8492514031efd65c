using System.Buffers;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// DELTA (1-byte) and DELTA32K (2-byte): the first value in full, then each value as the difference from the
/// previous one. A difference that does not fit is written as the escape (the narrow type's minimum)
/// followed by the value in full, so any data round-trips.
/// </summary>
internal sealed class DeltaEncoding : IntegerEncoding
{
    public static readonly DeltaEncoding OneByte = new(ColumnEncoding.Delta);
    public static readonly DeltaEncoding TwoByte = new(ColumnEncoding.Delta32K);

    private DeltaEncoding(ColumnEncoding encoding) => Encoding = encoding;

    public override ColumnEncoding Encoding { get; }

    private bool Wide => Encoding == ColumnEncoding.Delta32K;

    protected override bool TryEncode(ReadOnlySpan<long> values, IBufferWriter<byte> output)
    {
        if (values.IsEmpty) return true;
        output.WriteInt64(values[0]);
        long limit = Wide ? short.MaxValue : sbyte.MaxValue;
        for (int i = 1; i < values.Length; i++)
        {
            long previous = values[i - 1], current = values[i];
            long delta = unchecked(current - previous);
            bool fits = delta >= -limit && delta <= limit && (delta > 0) == (current > previous); // no overflow wrap
            if (Wide)
            {
                output.WriteInt16(fits ? (short)delta : short.MinValue);
            }
            else
            {
                output.WriteByte(fits ? (byte)(sbyte)delta : unchecked((byte)sbyte.MinValue));
            }
            if (!fits) output.WriteInt64(current);
        }
        return true;
    }

    protected override void Decode(ref BlockReader reader, Span<long> values)
    {
        if (values.IsEmpty) return;
        long current = reader.ReadInt64();
        values[0] = current;
        for (int i = 1; i < values.Length; i++)
        {
            if (Wide)
            {
                short d = reader.ReadInt16();
                current = d == short.MinValue ? reader.ReadInt64() : current + d;
            }
            else
            {
                sbyte d = (sbyte)reader.ReadByte();
                current = d == sbyte.MinValue ? reader.ReadInt64() : current + d;
            }
            values[i] = current;
        }
    }
}
