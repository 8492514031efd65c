using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;
using Interval = ActorWarehouse.Engine.Types.Interval;

namespace ActorWarehouse.Host.PgWire.Types;

/// <summary>
/// Writes DataRow messages straight from column vectors, each column in its requested format: text as PostgreSQL's
/// output functions print it (integers and strings formatted into the buffer without allocating), binary as its
/// send functions do. Built once per result; per row it only switches on a precomputed column kind.
/// </summary>
internal sealed class RowEncoder
{
    private readonly TypeId[] _types;
    private readonly int[] _scales;
    private readonly int[] _charLengths;
    private readonly bool[] _binary;
    private readonly TimeZones.Zone? _zone;

    /// <param name="formats">One format code per column (already expanded from the Bind message).</param>
    /// <param name="zone">The session time zone for text timestamptz, or null for UTC ('+00').</param>
    public RowEncoder(IReadOnlyList<ResultColumn> columns, IReadOnlyList<short> formats, TimeZones.Zone? zone)
    {
        _types = new TypeId[columns.Count];
        _scales = new int[columns.Count];
        _charLengths = new int[columns.Count];
        _binary = new bool[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            _types[i] = columns[i].Type.Id;
            _scales[i] = columns[i].Type.Scale;
            _charLengths[i] = columns[i].Type.Id == TypeId.Char ? columns[i].Type.Length : 0;
            _binary[i] = formats[i] == ParameterDecoder.BinaryFormat;
        }
        _zone = zone;
    }

    public int ColumnCount => _types.Length;

    public void WriteRow(MessageWriter writer, Batch batch, int row)
    {
        writer.StartMessage(BackendMessageCode.DataRow);
        writer.WriteInt16((short)_types.Length);
        for (int c = 0; c < _types.Length; c++)
        {
            var vector = batch.Columns[c];
            if (vector.IsNull(row)) writer.WriteInt32(-1);
            else if (_charLengths[c] > 0) WritePadded(writer, ((StringVector)vector).GetBytes(row), _charLengths[c]);
            else if (_binary[c]) WriteBinary(writer, vector, _types[c], _scales[c], row);
            else WriteText(writer, vector, _types[c], _scales[c], row);
        }
        writer.EndMessage();
    }

    private void WriteText(MessageWriter writer, ColumnVector vector, TypeId type, int scale, int row)
    {
        switch (type)
        {
            case TypeId.Boolean:
                writer.WriteInt32(1);
                writer.WriteByte(Values<bool>(vector)[row] ? (byte)'t' : (byte)'f');
                break;
            case TypeId.SmallInt:
                WriteFormatted(writer, Values<short>(vector)[row]);
                break;
            case TypeId.Integer:
                WriteFormatted(writer, Values<int>(vector)[row]);
                break;
            case TypeId.BigInt:
                WriteFormatted(writer, Values<long>(vector)[row]);
                break;
            case TypeId.Char or TypeId.Varchar or TypeId.Unknown:
                WriteUtf8(writer, ((StringVector)vector).GetBytes(row));
                break;
            case TypeId.Decimal:
                writer.WriteLengthPrefixedString(vector.Type.IsWideDecimal
                    ? ValueFormatter.FormatDecimal(Values<Int128>(vector)[row], scale)
                    : ValueFormatter.FormatDecimal(Values<long>(vector)[row], scale));
                break;
            case TypeId.TimestampTz when _zone is not null:
                writer.WriteLengthPrefixedString(ValueFormatter.FormatTimestampTz(Values<long>(vector)[row], _zone));
                break;
            default:
                writer.WriteLengthPrefixedString(ValueFormatter.Format(vector, row)!);
                break;
        }
    }

    private static void WriteBinary(MessageWriter writer, ColumnVector vector, TypeId type, int scale, int row)
    {
        switch (type)
        {
            case TypeId.Boolean:
                writer.WriteInt32(1);
                writer.WriteByte(Values<bool>(vector)[row] ? (byte)1 : (byte)0);
                break;
            case TypeId.SmallInt:
                writer.WriteInt32(2);
                writer.WriteInt16(Values<short>(vector)[row]);
                break;
            case TypeId.Integer:
                writer.WriteInt32(4);
                writer.WriteInt32(Values<int>(vector)[row]);
                break;
            case TypeId.BigInt:
                writer.WriteInt32(8);
                writer.WriteInt64(Values<long>(vector)[row]);
                break;
            case TypeId.Real:
                writer.WriteInt32(4);
                writer.WriteInt32(BitConverter.SingleToInt32Bits(Values<float>(vector)[row]));
                break;
            case TypeId.Double:
                writer.WriteInt32(8);
                writer.WriteInt64(BitConverter.DoubleToInt64Bits(Values<double>(vector)[row]));
                break;
            case TypeId.Decimal:
                PgNumeric.Write(writer, vector.Type.IsWideDecimal ? Values<Int128>(vector)[row] : Values<long>(vector)[row], scale);
                break;
            case TypeId.Char or TypeId.Varchar or TypeId.Unknown:
                WriteUtf8(writer, ((StringVector)vector).GetBytes(row));
                break;
            case TypeId.Date:
                writer.WriteInt32(4);
                writer.WriteInt32(Values<int>(vector)[row] - PgEpoch.DaysFromUnixEpoch);
                break;
            case TypeId.Timestamp or TypeId.TimestampTz:
                writer.WriteInt32(8);
                writer.WriteInt64(Values<long>(vector)[row] - PgEpoch.MicrosFromUnixEpoch);
                break;
            case TypeId.Interval:
                var interval = Values<Interval>(vector)[row];
                writer.WriteInt32(16);
                writer.WriteInt64(interval.Micros);
                writer.WriteInt32(interval.Days);
                writer.WriteInt32(interval.Months);
                break;
            default:
                writer.WriteLengthPrefixedString(ValueFormatter.Format(vector, row)!);
                break;
        }
    }

    /// <summary>CHAR(n) is stored without trailing blanks; PostgreSQL's output (text and binary alike) pads it to n.</summary>
    /// <summary>A string value as it is stored: the batch already holds its UTF-8 bytes.</summary>
    private static void WriteUtf8(MessageWriter writer, ReadOnlySpan<byte> utf8)
    {
        writer.WriteInt32(utf8.Length);
        writer.WriteBytes(utf8);
    }

    /// <summary>CHAR(n) as PostgreSQL returns it: blank-padded to n characters.</summary>
    private static void WritePadded(MessageWriter writer, ReadOnlySpan<byte> utf8, int length)
    {
        int pad = Math.Max(0, length - System.Text.Encoding.UTF8.GetCharCount(utf8));
        writer.WriteInt32(utf8.Length + pad);
        writer.WriteBytes(utf8);
        for (int i = 0; i < pad; i++) writer.WriteByte((byte)' ');
    }

    private static void WriteFormatted(MessageWriter writer, long value)
    {
        var span = writer.GetSpan(24);
        Utf8Formatter.TryFormat(value, span[4..], out int written);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        writer.Advance(4 + written);
    }

    /// <summary>The vector's value array (a cast to a sealed type: one method-table compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T[] Values<T>(ColumnVector vector) => ((ColumnVector<T>)vector).Values;
}
