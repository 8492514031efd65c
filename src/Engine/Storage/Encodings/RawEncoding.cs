using System.Buffers;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>RAW: Arrow's value layout as is — fixed-width little-endian values, or offsets + UTF-8 for strings.</summary>
internal sealed class RawEncoding : IBlockEncoding
{
    public static readonly RawEncoding Instance = new();

    public ColumnEncoding Encoding => ColumnEncoding.Raw;

    public bool TryEncode(ColumnVector column, int count, IBufferWriter<byte> output)
    {
        if (column is StringVector strings) StringValues.Write(output, strings, count);
        else output.WriteBytes(PhysicalValues.Bytes(column, count));
        return true;
    }

    public ColumnVector Decode(ref BlockReader reader, SqlType type, int count)
    {
        int width = PhysicalValues.Width(type);
        if (width == 0) return StringValues.Read(ref reader, type, count);
        return PhysicalValues.FromBytes(type, reader.ReadBytes(checked(width * count)), count);
    }
}
