using System.Buffers;
using System.IO.Compression;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// ZSTD (also LZO, TEXT255, TEXT32K): the RAW layout compressed with zstd, or with Brotli when libzstd is
/// not loadable. Layout: codec byte (1 zstd, 2 brotli), int32 raw length, the compressed bytes.
/// A zstd block read where libzstd is missing raises XX001 naming the cause.
/// </summary>
internal sealed class ZstdEncoding : IBlockEncoding
{
    private const byte ZstdCodec = 1;
    private const byte BrotliCodec = 2;
    public static readonly ZstdEncoding Instance = new();

    public ColumnEncoding Encoding => ColumnEncoding.Zstd;

    public bool TryEncode(ColumnVector column, int count, IBufferWriter<byte> output)
    {
        var raw = new ArrayBufferWriter<byte>();
        RawEncoding.Instance.TryEncode(column, count, raw);
        var rawBytes = raw.WrittenSpan;
        if (ZstdNative.IsAvailable)
        {
            output.WriteByte(ZstdCodec);
            output.WriteInt32(rawBytes.Length);
            output.WriteBytes(ZstdNative.Compress(rawBytes));
        }
        else
        {
            output.WriteByte(BrotliCodec);
            output.WriteInt32(rawBytes.Length);
            var destination = new byte[BrotliEncoder.GetMaxCompressedLength(rawBytes.Length)];
            if (!BrotliEncoder.TryCompress(rawBytes, destination, out int written, quality: 4, window: 22)) return false;
            output.WriteBytes(destination.AsSpan(0, written));
        }
        return true;
    }

    public ColumnVector Decode(ref BlockReader reader, SqlType type, int count)
    {
        byte codec = reader.ReadByte();
        int rawLength = reader.ReadCount(int.MaxValue);
        var compressed = reader.ReadBytes(reader.Remaining);
        var raw = new byte[rawLength];
        switch (codec)
        {
            case ZstdCodec:
                if (!ZstdNative.IsAvailable) throw new CorruptBlockException("block is zstd-compressed but libzstd.so.1 cannot be loaded");
                if (!ZstdNative.TryDecompress(compressed, raw)) throw new CorruptBlockException("zstd payload does not decompress");
                break;
            case BrotliCodec:
                if (!BrotliDecoder.TryDecompress(compressed, raw, out int written) || written != rawLength)
                    throw new CorruptBlockException("brotli payload does not decompress");
                break;
            default:
                throw new CorruptBlockException($"unknown compression codec {codec}");
        }
        var rawReader = new BlockReader(raw);
        var vector = RawEncoding.Instance.Decode(ref rawReader, type, count);
        rawReader.ExpectEnd();
        return vector;
    }
}
