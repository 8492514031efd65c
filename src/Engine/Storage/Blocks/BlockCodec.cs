using System.Buffers;
using System.Buffers.Binary;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage.Encodings;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Blocks;

/// <summary>
/// Serialises one column block. Layout (little-endian):
/// <code>
///  0  "AWB"  magic                      4  format version (1)
///  5  encoding actually used            6  TypeId      7  value width in bytes (0 = string)
///  8  flags (bit 0: validity bitmap present)           9..11 reserved (0)
/// 12  row count (int32)                16  payload length (int32)
/// 20  CRC-32C of bytes 0..19 followed by the payload
/// 24  payload: [validity bitmap, ceil(rows/8) bytes, Arrow bit order] then the encoded values
/// </code>
/// Any inconsistency on read raises SqlException XX001 — a corrupt block never yields data.
/// </summary>
internal static class BlockCodec
{
    public const int HeaderSize = 24;
    public const byte FormatVersion = 1;
    private const byte HasValidityFlag = 1;

    public static byte[] Encode(ColumnVector column, int count, ColumnEncoding encoding, out ColumnEncoding used)
    {
        var payload = new ArrayBufferWriter<byte>(Math.Max(256, count * 4));
        bool hasValidity = column.Validity is { } validity && CountNulls(validity, count) > 0;
        if (hasValidity) WriteValidity(payload, column.Validity!, count);

        used = encoding;
        if (!EncodingRegistry.TryGet(encoding, out var codec) || !codec.TryEncode(column, count, payload))
        {
            // The requested encoding cannot hold this block's data (e.g. too many distinct values): store RAW.
            payload.ResetWrittenCount();
            if (hasValidity) WriteValidity(payload, column.Validity!, count);
            RawEncoding.Instance.TryEncode(column, count, payload);
            used = ColumnEncoding.Raw;
        }

        var written = payload.WrittenSpan;
        var block = new byte[HeaderSize + written.Length];
        block[0] = (byte)'A'; block[1] = (byte)'W'; block[2] = (byte)'B'; block[3] = (byte)'!';
        block[4] = FormatVersion;
        block[5] = (byte)used;
        block[6] = (byte)column.Type.Id;
        block[7] = (byte)PhysicalValues.Width(column.Type);
        block[8] = hasValidity ? HasValidityFlag : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(12), count);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(16), written.Length);
        written.CopyTo(block.AsSpan(HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(20), Checksum(block));
        return block;
    }

    /// <summary>Decodes a block of a column of <paramref name="type"/>; <paramref name="what"/> names it in errors.</summary>
    public static ColumnVector Decode(ReadOnlySpan<byte> block, SqlType type, string what)
    {
        try
        {
            if (block.Length < HeaderSize || block[0] != 'A' || block[1] != 'W' || block[2] != 'B' || block[3] != '!')
                throw new CorruptBlockException("not a column block (bad magic)");
            if (block[4] != FormatVersion) throw new CorruptBlockException($"unknown block format version {block[4]}");
            int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(block.Slice(16));
            if (payloadLength != block.Length - HeaderSize) throw new CorruptBlockException("payload length does not match the block size");
            if (BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(20)) != Checksum(block))
                throw new CorruptBlockException("checksum mismatch");
            if (block[6] != (byte)type.Id || block[7] != PhysicalValues.Width(type))
                throw new CorruptBlockException($"block holds type {(TypeId)block[6]}/{block[7]} bytes, column is {type}");
            int count = BinaryPrimitives.ReadInt32LittleEndian(block.Slice(12));
            if (count < 0) throw new CorruptBlockException("negative row count");

            var reader = new BlockReader(block.Slice(HeaderSize));
            ValidityBitmap? validity = null;
            if ((block[8] & HasValidityFlag) != 0) validity = ReadValidity(ref reader, count);
            var encoding = (ColumnEncoding)block[5];
            if (!EncodingRegistry.TryGet(encoding, out var codec)) throw new CorruptBlockException($"unknown encoding {block[5]}");
            var vector = codec.Decode(ref reader, type, count);
            reader.ExpectEnd();
            if (vector.Length != count) throw new CorruptBlockException("decoded row count differs from the header");
            vector.Validity = validity;
            return vector;
        }
        catch (CorruptBlockException e)
        {
            throw new SqlException(SqlState.DataCorrupted, $"corrupt data block ({what}): {e.Message}", inner: e);
        }
    }

    /// <summary>Reads only the header fields (for diagnostics and tests).</summary>
    public static (ColumnEncoding Encoding, TypeId Type, int RowCount) ReadHeader(ReadOnlySpan<byte> block) =>
        ((ColumnEncoding)block[5], (TypeId)block[6], BinaryPrimitives.ReadInt32LittleEndian(block.Slice(12)));

    private static uint Checksum(ReadOnlySpan<byte> block)
    {
        uint crc = Crc32C.Append(Crc32C.Start, block.Slice(0, 20));
        crc = Crc32C.Append(crc, block.Slice(HeaderSize));
        return Crc32C.Finish(crc);
    }

    private static int CountNulls(ValidityBitmap validity, int count)
    {
        int nulls = 0;
        for (int i = 0; i < count; i++) if (!validity.IsValid(i)) nulls++;
        return nulls;
    }

    private static void WriteValidity(IBufferWriter<byte> output, ValidityBitmap validity, int count)
    {
        int byteCount = (count + 7) >> 3;
        var span = output.GetSpan(byteCount).Slice(0, byteCount);
        var words = validity.Words;
        for (int b = 0; b < byteCount; b++) span[b] = (byte)(words[b >> 3] >> ((b & 7) * 8));
        int rest = count & 7;
        if (rest != 0) span[byteCount - 1] &= (byte)((1 << rest) - 1);
        output.Advance(byteCount);
    }

    private static ValidityBitmap ReadValidity(ref BlockReader reader, int count)
    {
        var bytes = reader.ReadBytes((count + 7) >> 3);
        var validity = new ValidityBitmap(count, allValid: false);
        var words = validity.Words;
        for (int b = 0; b < bytes.Length; b++) words[b >> 3] |= (ulong)bytes[b] << ((b & 7) * 8);
        return validity;
    }
}
