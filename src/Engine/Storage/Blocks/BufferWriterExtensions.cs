using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ActorWarehouse.Engine.Storage.Blocks;

/// <summary>Little-endian primitive writes onto an <see cref="IBufferWriter{T}"/>.</summary>
internal static class BufferWriterExtensions
{
    public static void WriteByte(this IBufferWriter<byte> w, byte value)
    {
        w.GetSpan(1)[0] = value;
        w.Advance(1);
    }

    public static void WriteInt16(this IBufferWriter<byte> w, short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(w.GetSpan(2), value);
        w.Advance(2);
    }

    public static void WriteInt32(this IBufferWriter<byte> w, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    public static void WriteInt64(this IBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    public static void WriteBytes(this IBufferWriter<byte> w, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(w.GetSpan(bytes.Length));
        w.Advance(bytes.Length);
    }

    public static void WriteValues<T>(this IBufferWriter<byte> w, ReadOnlySpan<T> values) where T : unmanaged =>
        w.WriteBytes(MemoryMarshal.AsBytes(values));
}
