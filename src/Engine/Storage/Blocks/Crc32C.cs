using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace ActorWarehouse.Engine.Storage.Blocks;

/// <summary>
/// CRC-32C (Castagnoli), the checksum in every block header. Uses the SSE4.2 CRC32 instruction when
/// present, else a table-driven software version; both give identical results.
/// </summary>
internal static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78u;
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    public const uint Start = 0xFFFFFFFFu;

    public static uint Finish(uint state) => ~state;

    public static uint Append(uint crc, ReadOnlySpan<byte> data) =>
        Sse42.X64.IsSupported ? AppendHardware(crc, data) : AppendSoftware(crc, data);

    internal static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint AppendHardware(uint crc, ReadOnlySpan<byte> data)
    {
        ulong state = crc;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8) state = Sse42.X64.Crc32(state, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)));
        uint result = (uint)state;
        for (; i < data.Length; i++) result = Sse42.Crc32(result, data[i]);
        return result;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
