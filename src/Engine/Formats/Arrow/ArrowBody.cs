using System.Runtime.InteropServices;
using ActorWarehouse.Engine.Formats.Arrow.FlatBuffers;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// The body of one record batch message being written: the field nodes, the buffer descriptors
/// and the buffers themselves. Each buffer starts at a 64-byte aligned offset of the body (the
/// Arrow recommendation for SIMD-friendly readers) and the body length is a multiple of 64.
/// Buffers that are already in Arrow layout are written straight from our arrays (no copy).
/// </summary>
internal sealed class ArrowBody
{
    public const int Alignment = 64;

    private readonly List<(long Offset, BodyBuffer Buffer)> _buffers = [];
    private long _cursor;

    public FbLongStructVector Nodes { get; } = new(2);
    public FbLongStructVector BufferDescriptors { get; } = new(2);

    public long Length => AlignUp(_cursor);

    public void AddNode(long length, long nullCount) => Nodes.Add(length, nullCount);

    public void AddEmptyBuffer() => BufferDescriptors.Add(AlignUp(_cursor), 0);

    public void AddBuffer<T>(T[] values, int byteLength) where T : unmanaged
    {
        long offset = AlignUp(_cursor);
        BufferDescriptors.Add(offset, byteLength);
        _buffers.Add((offset, new ArrayBuffer<T>(values, byteLength)));
        _cursor = offset + byteLength;
    }

    public void WriteTo(Stream output)
    {
        long position = 0;
        foreach (var (offset, buffer) in _buffers)
        {
            WriteZeros(output, offset - position);
            buffer.WriteTo(output);
            position = offset + buffer.ByteLength;
        }
        WriteZeros(output, Length - position);
    }

    public static long AlignUp(long value) => (value + Alignment - 1) & ~(long)(Alignment - 1);

    public static void WriteZeros(Stream output, long count)
    {
        Span<byte> zeros = stackalloc byte[Alignment];
        while (count > 0)
        {
            int n = (int)Math.Min(count, Alignment);
            output.Write(zeros[..n]);
            count -= n;
        }
    }

    private abstract class BodyBuffer
    {
        public abstract int ByteLength { get; }
        public abstract void WriteTo(Stream output);
    }

    private sealed class ArrayBuffer<T>(T[] values, int byteLength) : BodyBuffer where T : unmanaged
    {
        public override int ByteLength => byteLength;

        public override void WriteTo(Stream output) => output.Write(MemoryMarshal.AsBytes(values.AsSpan())[..byteLength]);
    }
}
