using System.Buffers;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// Base of the numeric codecs (DELTA, MOSTLYn, AZ64): they see the integer family widened to long and
/// refuse other types (the block is then stored RAW).
/// </summary>
internal abstract class IntegerEncoding : IBlockEncoding
{
    public abstract ColumnEncoding Encoding { get; }

    public bool TryEncode(ColumnVector column, int count, IBufferWriter<byte> output) =>
        ColumnEncodings.IsIntegerFamily(column.Type) && TryEncode(PhysicalValues.ToLongs(column, count), output);

    public ColumnVector Decode(ref BlockReader reader, SqlType type, int count)
    {
        if (!ColumnEncodings.IsIntegerFamily(type)) throw new CorruptBlockException($"{Encoding} block for non-integer type {type}");
        var values = new long[count];
        Decode(ref reader, values);
        return PhysicalValues.FromLongs(type, values);
    }

    protected abstract bool TryEncode(ReadOnlySpan<long> values, IBufferWriter<byte> output);

    protected abstract void Decode(ref BlockReader reader, Span<long> values);
}
