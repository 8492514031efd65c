using System.Runtime.InteropServices;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// The few libzstd entry points we need (libzstd1 ships with the base image). <see cref="IsAvailable"/> is
/// false when the library cannot be loaded; callers then use Brotli instead.
/// </summary>
internal static unsafe class ZstdNative
{
    private const string Library = "libzstd.so.1";
    private static readonly Lazy<bool> Available = new(Probe);

    public static bool IsAvailable => Available.Value;

    /// <summary>Compresses into a new array; level 3 is zstd's default balance of speed and ratio.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> source, int level = 3)
    {
        nuint bound = ZSTD_compressBound((nuint)source.Length);
        var destination = new byte[(int)bound];
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            written = ZSTD_compress(dst, bound, src, (nuint)source.Length, level);
        if (ZSTD_isError(written) != 0) throw new InvalidOperationException("zstd compression failed");
        Array.Resize(ref destination, (int)written);
        return destination;
    }

    /// <summary>Decompresses exactly <paramref name="destination"/>.Length bytes; false on malformed input.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            result = ZSTD_decompress(dst, (nuint)destination.Length, src, (nuint)source.Length);
        return ZSTD_isError(result) == 0 && result == (nuint)destination.Length;
    }

    private static bool Probe()
    {
        try
        {
            return ZSTD_compressBound(16) > 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport(Library)] private static extern nuint ZSTD_compressBound(nuint srcSize);
    [DllImport(Library)] private static extern nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);
    [DllImport(Library)] private static extern nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint compressedSize);
    [DllImport(Library)] private static extern uint ZSTD_isError(nuint code);
}
