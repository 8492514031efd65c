using System.Runtime.InteropServices;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// Lets value-agnostic codecs (RUNLENGTH, BYTEDICT) work on any fixed-width type by comparing values as
/// same-sized unsigned integers: bit equality is the right equality for storage (NaN runs stay runs).
/// </summary>
internal interface IFixedBitsCodec
{
    bool TryEncode<TBits>(ReadOnlySpan<TBits> values, System.Buffers.IBufferWriter<byte> output) where TBits : unmanaged, IEquatable<TBits>;
    void Decode<TBits>(ref Blocks.BlockReader reader, Span<TBits> values) where TBits : unmanaged, IEquatable<TBits>;
}

internal static class FixedBits
{
    public static bool TryEncode<TCodec>(TCodec codec, ColumnVector column, int count, System.Buffers.IBufferWriter<byte> output)
        where TCodec : IFixedBitsCodec
    {
        var bytes = PhysicalValues.Bytes(column, count);
        return PhysicalValues.Width(column.Type) switch
        {
            1 => codec.TryEncode(bytes, output),
            2 => codec.TryEncode(MemoryMarshal.Cast<byte, ushort>(bytes), output),
            4 => codec.TryEncode(MemoryMarshal.Cast<byte, uint>(bytes), output),
            8 => codec.TryEncode(MemoryMarshal.Cast<byte, ulong>(bytes), output),
            16 => codec.TryEncode(MemoryMarshal.Cast<byte, UInt128>(bytes), output),
            int w => throw new InvalidOperationException($"unexpected width {w}"),
        };
    }

    public static ColumnVector Decode<TCodec>(TCodec codec, ref Blocks.BlockReader reader, SqlType type, int count)
        where TCodec : IFixedBitsCodec
    {
        var vector = ColumnVector.Allocate(type, count);
        var bytes = PhysicalValues.WritableBytes(vector, count);
        switch (PhysicalValues.Width(type))
        {
            case 1: codec.Decode(ref reader, bytes); break;
            case 2: codec.Decode(ref reader, MemoryMarshal.Cast<byte, ushort>(bytes)); break;
            case 4: codec.Decode(ref reader, MemoryMarshal.Cast<byte, uint>(bytes)); break;
            case 8: codec.Decode(ref reader, MemoryMarshal.Cast<byte, ulong>(bytes)); break;
            case 16: codec.Decode(ref reader, MemoryMarshal.Cast<byte, UInt128>(bytes)); break;
            default: throw new InvalidOperationException($"{type} is not fixed-width");
        }
        if (type.Id == TypeId.Boolean)
            foreach (byte b in bytes)
                if (b > 1) throw new Blocks.CorruptBlockException("boolean byte other than 0 or 1");
        return vector;
    }
}
