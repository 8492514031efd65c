using System.Buffers;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// MOSTLY8/16/32: every value stored in the narrow width; a value outside the narrow range (or equal to the
/// narrow minimum, which is the escape) stores the escape and is appended in full after the narrow array.
/// Layout: narrow values, int32 outlier count, outliers as int64 in row order.
/// </summary>
internal sealed class MostlyEncoding : IntegerEncoding
{
    public static readonly MostlyEncoding Eight = new(ColumnEncoding.Mostly8, 1);
    public static readonly MostlyEncoding Sixteen = new(ColumnEncoding.Mostly16, 2);
    public static readonly MostlyEncoding ThirtyTwo = new(ColumnEncoding.Mostly32, 4);

    private readonly int _width;
    private readonly long _escape;
    private readonly long _max;

    private MostlyEncoding(ColumnEncoding encoding, int width)
    {
        Encoding = encoding;
        _width = width;
        _escape = width switch { 1 => sbyte.MinValue, 2 => short.MinValue, _ => int.MinValue };
        _max = -(_escape + 1);
    }

    public override ColumnEncoding Encoding { get; }

    protected override bool TryEncode(ReadOnlySpan<long> values, IBufferWriter<byte> output)
    {
        var outliers = new List<long>();
        var narrow = output.GetSpan(values.Length * _width).Slice(0, values.Length * _width);
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            long stored = v > _escape && v <= _max ? v : _escape;
            if (stored == _escape) outliers.Add(v);
            switch (_width)
            {
                case 1: narrow[i] = (byte)(sbyte)stored; break;
                case 2: System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(narrow.Slice(i * 2), (short)stored); break;
                default: System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(narrow.Slice(i * 4), (int)stored); break;
            }
        }
        output.Advance(narrow.Length);
        output.WriteInt32(outliers.Count);
        output.WriteValues<long>(outliers.ToArray());
        return true;
    }

    protected override void Decode(ref BlockReader reader, Span<long> values)
    {
        var narrow = reader.ReadBytes(values.Length * _width);
        int escapes = 0;
        for (int i = 0; i < values.Length; i++)
        {
            long v = _width switch
            {
                1 => (sbyte)narrow[i],
                2 => System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(narrow.Slice(i * 2)),
                _ => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(narrow.Slice(i * 4)),
            };
            if (v == _escape) escapes++;
            values[i] = v;
        }
        int outlierCount = reader.ReadCount(values.Length);
        if (outlierCount != escapes) throw new CorruptBlockException($"{escapes} escapes but {outlierCount} outliers");
        for (int i = 0; i < values.Length; i++)
            if (values[i] == _escape) values[i] = reader.ReadInt64();
    }
}
