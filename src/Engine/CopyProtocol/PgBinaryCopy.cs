using System.Buffers.Binary;
using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.CopyProtocol;

/// <summary>
/// PostgreSQL's binary COPY format (what Npgsql's binary importer/exporter speaks): the "PGCOPY\n\377\r\n\0" signature,
/// flags and header extension, then per row an Int16 field count and per field an Int32 length (-1 = NULL) and the
/// value in the type's binary send format; an Int16 -1 ends the data.
/// </summary>
internal static class PgBinaryCopy
{
    /// <summary>Days from 1970-01-01 (the engine's date epoch) to 2000-01-01 (PostgreSQL's).</summary>
    private const int EpochDays = 10_957;

    private const long EpochMicros = EpochDays * 86_400_000_000L;

    private const int RowsPerBatch = Batch.DefaultCapacity;

    /// <summary>Reads rows of <paramref name="types"/> into batches; 22P04 for malformed input.</summary>
    public static IEnumerable<Batch> Read(Stream input, IReadOnlyList<SqlType> types, CancellationToken ct)
    {
        var reader = new BinaryInput(input);
        var header = reader.Bytes(11);
        if (!header.AsSpan().SequenceEqual(SignatureBytes)) throw Bad("COPY file signature not recognized");
        reader.Int32(); // flags: bit 16 (OIDs) is not supported by PostgreSQL 12+ either
        int extension = reader.Int32();
        if (extension < 0) throw Bad("invalid COPY file header (wrong length)");
        reader.Bytes(extension);
        var columns = types.Select(_ => new List<object?>(RowsPerBatch)).ToArray();
        long line = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            short fields = reader.Int16OrEnd(out bool end);
            if (end || fields == -1) break;
            line++;
            if (fields != types.Count) throw Bad($"row field count is {fields}, expected {types.Count}", line);
            for (int c = 0; c < fields; c++)
            {
                int length = reader.Int32();
                columns[c].Add(length < 0 ? null : Decode(reader.Bytes(length), types[c], line));
            }
            if (columns[0].Count == RowsPerBatch) yield return Flush(columns, types);
        }
        if (types.Count > 0 && columns[0].Count > 0) yield return Flush(columns, types);
    }

    private static byte[] SignatureBytes => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private static Batch Flush(List<object?>[] columns, IReadOnlyList<SqlType> types)
    {
        int rows = columns[0].Count;
        var vectors = new ColumnVector[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            vectors[c] = VectorBuilder.Build(types[c], columns[c]);
            columns[c].Clear();
        }
        return new Batch(vectors, rows);
    }

    private static object Decode(byte[] b, SqlType type, long line)
    {
        try
        {
            return type.Id switch
            {
                TypeId.Boolean => b.Length == 1 ? b[0] != 0 : throw Bad("invalid length for boolean", line),
                TypeId.SmallInt => checked((short)Integer(b, line)),
                TypeId.Integer => checked((int)Integer(b, line)),
                TypeId.BigInt => Integer(b, line),
                TypeId.Real => b.Length == 4 ? BinaryPrimitives.ReadSingleBigEndian(b) : (float)Float8(b, line),
                TypeId.Double => b.Length == 4 ? BinaryPrimitives.ReadSingleBigEndian(b) : Float8(b, line),
                TypeId.Decimal => DecimalValue(b, type, line),
                TypeId.Char or TypeId.Varchar => Text(b, type, line),
                TypeId.Date => Length(b, 4, line) is var _ ? BinaryPrimitives.ReadInt32BigEndian(b) + EpochDays : 0,
                TypeId.Timestamp or TypeId.TimestampTz => Length(b, 8, line) is var _ ? BinaryPrimitives.ReadInt64BigEndian(b) + EpochMicros : 0,
                TypeId.Interval => Length(b, 16, line) is var _
                    ? new Interval(BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(12)), BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(8)), BinaryPrimitives.ReadInt64BigEndian(b))
                    : default(object)!,
                _ => throw new SqlException(SqlState.FeatureNotSupported, $"binary COPY of type {type} is not supported"),
            };
        }
        catch (OverflowException)
        {
            throw new SqlException(SqlState.NumericValueOutOfRange, $"value out of range for type {type}", null, $"COPY line {line}");
        }
    }

    private static int Length(byte[] b, int expected, long line) =>
        b.Length == expected ? expected : throw Bad($"invalid binary field length {b.Length}, expected {expected}", line);

    /// <summary>An integer sent as int2, int4 or int8 (clients do not always match the column's width).</summary>
    private static long Integer(byte[] b, long line) => b.Length switch
    {
        2 => BinaryPrimitives.ReadInt16BigEndian(b),
        4 => BinaryPrimitives.ReadInt32BigEndian(b),
        8 => BinaryPrimitives.ReadInt64BigEndian(b),
        _ => throw Bad($"invalid binary integer length {b.Length}", line),
    };

    private static double Float8(byte[] b, long line) => b.Length == 8 ? BinaryPrimitives.ReadDoubleBigEndian(b) : throw Bad("invalid length for float8", line);

    private static string Text(byte[] b, SqlType type, long line)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(b);
        }
        catch (DecoderFallbackException)
        {
            throw new SqlException(SqlState.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\"", null, $"COPY line {line}");
        }
        if (type.Length > 0 && text.Length > type.Length)
            throw new SqlException(SqlState.StringDataRightTruncation, $"value too long for type {type}", null, $"COPY line {line}");
        return text;
    }

    /// <summary>numeric: Int16 digit count, weight, sign, display scale, then base-10000 digits (rounded to the column's scale).</summary>
    private static object DecimalValue(byte[] b, SqlType type, long line)
    {
        if (b.Length < 8) throw Bad("invalid binary numeric", line);
        int count = BinaryPrimitives.ReadInt16BigEndian(b);
        int weight = BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(2));
        int sign = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(4));
        if (sign == 0xC000) throw new SqlException(SqlState.NumericValueOutOfRange, "cannot store NaN in a numeric column", null, $"COPY line {line}");
        if (count < 0 || b.Length != 8 + 2 * count) throw Bad("invalid binary numeric", line);
        // Digit group i stands for digit · 10000^(weight - i): write the groups out as decimal text and parse that.
        string Group(int exponent)
        {
            int index = weight - exponent;
            return index >= 0 && index < count ? BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(8 + 2 * index)).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) : "0000";
        }
        var text = new StringBuilder(sign == 0x4000 ? "-" : "");
        for (int e = Math.Max(weight, 0); e >= 0; e--) text.Append(Group(e));
        text.Append('.');
        for (int e = -1; e >= Math.Min(weight - count + 1, -1); e--) text.Append(Group(e));
        return ValueParser.Parse(text.ToString(), type) ?? throw Bad("invalid binary numeric", line);
    }

    /// <summary>Writes the header, one write per row of the first <paramref name="columns"/> columns, then the trailer.</summary>
    public static long Write(Stream output, IEnumerable<Batch> batches, int columns, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        output.Write(SignatureBytes);
        output.Write(new byte[8]); // flags and header extension length
        long rows = 0;
        Span<byte> scratch = stackalloc byte[16];
        foreach (var batch in batches)
        {
            ct.ThrowIfCancellationRequested();
            for (int r = 0; r < batch.RowCount; r++)
            {
                buffer.SetLength(0);
                BinaryPrimitives.WriteInt16BigEndian(scratch, (short)columns);
                buffer.Write(scratch[..2]);
                for (int c = 0; c < columns; c++) Encode(buffer, batch[c], r, scratch);
                output.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                rows++;
            }
        }
        BinaryPrimitives.WriteInt16BigEndian(scratch, -1);
        output.Write(scratch[..2]);
        return rows;
    }

    private static void Encode(MemoryStream buffer, ColumnVector vector, int row, Span<byte> scratch)
    {
        var value = vector.GetBoxed(row);
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(scratch, -1);
            buffer.Write(scratch[..4]);
            return;
        }
        var type = vector.Type;
        int length;
        switch (type.Id)
        {
            case TypeId.Boolean: scratch[4] = (bool)value ? (byte)1 : (byte)0; length = 1; break;
            case TypeId.SmallInt: BinaryPrimitives.WriteInt16BigEndian(scratch[4..], (short)value); length = 2; break;
            case TypeId.Integer: BinaryPrimitives.WriteInt32BigEndian(scratch[4..], (int)value); length = 4; break;
            case TypeId.BigInt: BinaryPrimitives.WriteInt64BigEndian(scratch[4..], (long)value); length = 8; break;
            case TypeId.Real: BinaryPrimitives.WriteSingleBigEndian(scratch[4..], (float)value); length = 4; break;
            case TypeId.Double: BinaryPrimitives.WriteDoubleBigEndian(scratch[4..], (double)value); length = 8; break;
            case TypeId.Date: BinaryPrimitives.WriteInt32BigEndian(scratch[4..], (int)value - EpochDays); length = 4; break;
            case TypeId.Timestamp or TypeId.TimestampTz: BinaryPrimitives.WriteInt64BigEndian(scratch[4..], (long)value - EpochMicros); length = 8; break;
            case TypeId.Interval:
            {
                // 16 bytes do not fit after the length prefix in scratch: write the prefix, then the value.
                var interval = (Interval)value;
                BinaryPrimitives.WriteInt32BigEndian(scratch, 16);
                buffer.Write(scratch[..4]);
                BinaryPrimitives.WriteInt64BigEndian(scratch, interval.Micros);
                BinaryPrimitives.WriteInt32BigEndian(scratch[8..], interval.Days);
                BinaryPrimitives.WriteInt32BigEndian(scratch[12..], interval.Months);
                buffer.Write(scratch[..16]);
                return;
            }
            case TypeId.Decimal:
                WriteField(buffer, NumericBytes(value is Int128 wide ? wide : (long)value, type.Scale), scratch);
                return;
            default:
                WriteField(buffer, Encoding.UTF8.GetBytes((string)value), scratch);
                return;
        }
        BinaryPrimitives.WriteInt32BigEndian(scratch, length);
        buffer.Write(scratch[..(4 + length)]);
    }

    private static void WriteField(MemoryStream buffer, byte[] bytes, Span<byte> scratch)
    {
        BinaryPrimitives.WriteInt32BigEndian(scratch, bytes.Length);
        buffer.Write(scratch[..4]);
        buffer.Write(bytes);
    }

    /// <summary>PostgreSQL's binary numeric of unscaled · 10^-scale: base-10000 digit groups with weight, sign and display scale.</summary>
    internal static byte[] NumericBytes(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        var digits = Int128.Abs(unscaled).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        string integer = digits[..^scale], fraction = digits[^scale..];
        if (scale == 0) { integer = digits; fraction = ""; }
        integer = integer.PadLeft((integer.Length + 3) / 4 * 4, '0');
        fraction = fraction.PadRight((fraction.Length + 3) / 4 * 4, '0');
        var groups = new List<short>();
        for (int i = 0; i < integer.Length; i += 4) groups.Add(short.Parse(integer.AsSpan(i, 4), provider: System.Globalization.CultureInfo.InvariantCulture));
        int weight = groups.Count - 1;
        for (int i = 0; i < fraction.Length; i += 4) groups.Add(short.Parse(fraction.AsSpan(i, 4), provider: System.Globalization.CultureInfo.InvariantCulture));
        while (groups.Count > 0 && groups[0] == 0) { groups.RemoveAt(0); weight--; }
        while (groups.Count > 0 && groups[^1] == 0) groups.RemoveAt(groups.Count - 1);
        if (groups.Count == 0) weight = 0;
        var bytes = new byte[8 + 2 * groups.Count];
        BinaryPrimitives.WriteInt16BigEndian(bytes, (short)groups.Count);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), negative && groups.Count > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), (short)scale);
        for (int i = 0; i < groups.Count; i++) BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + 2 * i), groups[i]);
        return bytes;
    }

    private static SqlException Bad(string message, long line = 0) =>
        new(SqlState.BadCopyFileFormat, message, null, line > 0 ? $"COPY line {line}" : null);

    /// <summary>Big-endian reads from the client's stream; a short read is a malformed file.</summary>
    private sealed class BinaryInput(Stream stream)
    {
        private readonly byte[] _scratch = new byte[8];

        public byte[] Bytes(int count)
        {
            var buffer = new byte[count];
            try
            {
                stream.ReadExactly(buffer);
            }
            catch (EndOfStreamException)
            {
                throw Bad("unexpected EOF in COPY data");
            }
            return buffer;
        }

        public int Int32()
        {
            Fill(4);
            return BinaryPrimitives.ReadInt32BigEndian(_scratch);
        }

        /// <summary>The next row's field count; <paramref name="end"/> when the stream ends without a trailer.</summary>
        public short Int16OrEnd(out bool end)
        {
            int first = stream.ReadByte();
            end = first < 0;
            if (end) return -1;
            int second = stream.ReadByte();
            if (second < 0) throw Bad("unexpected EOF in COPY data");
            return (short)((first << 8) | second);
        }

        private void Fill(int count)
        {
            try
            {
                stream.ReadExactly(_scratch, 0, count);
            }
            catch (EndOfStreamException)
            {
                throw Bad("unexpected EOF in COPY data");
            }
        }
    }
}
