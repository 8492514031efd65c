using System.Text;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Loading;

internal sealed partial class ChunkParser
{
    private readonly record struct Failure(int Code, string Reason);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Converts one non-null field into the current batch row; returns the failure, if any.</summary>
    private Failure? Convert(ColumnState state, ReadOnlySpan<byte> field)
    {
        int row = _rowsInBatch;
        if (state.Kind == FieldKind.String) return ConvertString(state, field, row);

        switch (state.Kind)
        {
            case FieldKind.Int32 when FastPaths.TryInt64(field, out long i32) && i32 == (int)i32:
                state.Int32s![row] = (int)i32;
                return null;
            case FieldKind.Int64 when FastPaths.TryInt64(field, out long i64):
                state.Int64s![row] = i64;
                return null;
            case FieldKind.Decimal64 when FastPaths.TryDecimal64(field, state.Precision, state.Type.Scale, out long d):
                state.Int64s![row] = d;
                return null;
            case FieldKind.Date when _settings.DatePattern is null && FastPaths.TryIsoDate(field, out int days):
                state.Int32s![row] = days;
                return null;
        }
        if (field.Length > MaxNumericFieldChars) return new Failure(1216, $"Value too long for type {state.Type}");
        Span<char> chars = stackalloc char[field.Length];
        for (int i = 0; i < field.Length; i++)
        {
            byte b = field[i];
            if (b >= 0x80) return Invalid(state, field);
            chars[i] = (char)b;
        }
        var parser = _settings.Parser;
        FieldStatus status;
        switch (state.Kind)
        {
            case FieldKind.Boolean:
                status = parser.TryParseBoolean(chars, out state.Booleans![row]);
                break;
            case FieldKind.Int16:
                status = parser.TryParseInt16(chars, out state.Int16s![row]);
                break;
            case FieldKind.Int32:
                status = parser.TryParseInt32(chars, out state.Int32s![row]);
                break;
            case FieldKind.Int64:
                status = parser.TryParseInt64(chars, out state.Int64s![row]);
                break;
            case FieldKind.Decimal64:
                status = parser.TryParseDecimal(chars, state.Precision, state.Type.Scale, _settings.Options.RoundDecimals, out Int128 d64);
                state.Int64s![row] = (long)d64;
                break;
            case FieldKind.Decimal128:
                status = parser.TryParseDecimal(chars, state.Precision, state.Type.Scale, _settings.Options.RoundDecimals, out state.Int128s![row]);
                break;
            case FieldKind.Real:
                status = parser.TryParseReal(chars, out state.Reals![row]);
                break;
            case FieldKind.Double:
                status = parser.TryParseDouble(chars, out state.Doubles![row]);
                break;
            case FieldKind.Date:
                if (_settings.DatePattern is { } datePattern)
                {
                    status = datePattern.TryParse(chars, out long micros);
                    state.Int32s![row] = (int)Math.Floor((decimal)micros / 86_400_000_000L);
                }
                else status = parser.TryParseDate(chars, out state.Int32s![row]);
                break;
            case FieldKind.Timestamp:
            case FieldKind.TimestampTz:
                status = ParseTimestamp(chars, state.Kind == FieldKind.TimestampTz, out state.Int64s![row]);
                break;
            case FieldKind.Interval:
                status = parser.TryParseInterval(chars, out state.Intervals![row]);
                break;
            default:
                throw new InvalidOperationException($"unhandled field kind {state.Kind}");
        }
        return status == FieldStatus.Ok ? null : status == FieldStatus.OutOfRange ? OutOfRange(state, field) : Invalid(state, field);
    }

    private FieldStatus ParseTimestamp(ReadOnlySpan<char> chars, bool withTimeZone, out long micros)
    {
        switch (_settings.TimeMode)
        {
            case TimeMode.EpochSeconds:
            case TimeMode.EpochMillis:
                var status = _settings.Parser.TryParseInt64(chars, out long epoch);
                micros = 0;
                if (status != FieldStatus.Ok) return status;
                long factor = _settings.TimeMode == TimeMode.EpochSeconds ? 1_000_000 : 1_000;
                if (epoch > long.MaxValue / factor || epoch < long.MinValue / factor) return FieldStatus.OutOfRange;
                micros = epoch * factor;
                return FieldStatus.Ok;
            case TimeMode.Pattern:
                return _settings.TimePattern!.TryParse(chars, out micros);
            default:
                return _settings.Parser.TryParseTimestamp(chars, withTimeZone, out micros);
        }
    }

    private Failure? ConvertString(ColumnState state, ReadOnlySpan<byte> field, int row)
    {
        var strings = state.SetStringRow(row);
        if (!System.Text.Unicode.Utf8.IsValid(field))
        {
            if (_settings.Options.AcceptInvChars is not { } replacement)
                return new Failure(1220, "String contains invalid or unsupported UTF8 codepoints");
            field = Encoding.UTF8.GetBytes(ReplaceInvalid(field, replacement));
        }
        if (state.Type.Id == TypeId.Char || _settings.Options.TrimBlanks) field = field.TrimEnd((byte)' ');
        int limit = state.Type.Length;
        if (limit > 0 && field.Length > limit)
        {
            if (!_settings.Options.TruncateColumns)
                return new Failure(1204, $"String length exceeds DDL length ({field.Length} bytes, {state.Type} allows {limit})");
            field = field[..WholeCharacterPrefix(field, limit)];
        }
        strings.Append(field);
        return null;
    }

    /// <summary>Length of the longest prefix of whole UTF-8 characters within <paramref name="maxBytes"/>.</summary>
    private static int WholeCharacterPrefix(ReadOnlySpan<byte> utf8, int maxBytes)
    {
        int cut = maxBytes;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) cut--; // never split a character: back off continuation bytes
        return cut;
    }

    private static string ReplaceInvalid(ReadOnlySpan<byte> field, char replacement)
    {
        var builder = new StringBuilder(field.Length);
        while (!field.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(field, out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done) builder.Append(rune.ToString());
            else builder.Append(replacement);
            field = field.Slice(Math.Max(consumed, 1));
        }
        return builder.ToString();
    }

    private Failure Invalid(ColumnState state, ReadOnlySpan<byte> field)
    {
        string raw = Encoding.UTF8.GetString(field);
        return state.Kind switch
        {
            FieldKind.Int16 or FieldKind.Int32 or FieldKind.Int64 or FieldKind.Decimal64 or FieldKind.Decimal128 =>
                new Failure(1207, $"Invalid digit, Value '{FirstBadChar(raw)}', Pos {FirstBadPosition(raw)}, Type: {TypeLabel(state)}"),
            FieldKind.Real or FieldKind.Double => new Failure(1208, $"FLOAT data type format error, Value '{raw}'"),
            FieldKind.Date => new Failure(1205, $"Invalid date format - value '{raw}' does not match DATEFORMAT '{_settings.Options.DateFormat}'"),
            FieldKind.Timestamp or FieldKind.TimestampTz => new Failure(1206, $"Invalid timestamp format or value '{raw}' for TIMEFORMAT '{_settings.Options.TimeFormat}'"),
            FieldKind.Boolean => new Failure(1216, $"Invalid input syntax for type boolean: '{raw}'"),
            _ => new Failure(1216, $"Invalid input syntax for type {state.Type}: '{raw}'"),
        };
    }

    private static Failure OutOfRange(ColumnState state, ReadOnlySpan<byte> field)
    {
        string raw = Encoding.UTF8.GetString(field);
        return state.Kind switch
        {
            FieldKind.Decimal64 or FieldKind.Decimal128 => new Failure(1058, $"Numeric data overflow (result precision), Value '{raw}', Type: {state.Type}"),
            FieldKind.Date => new Failure(1205, $"Invalid date: '{raw}' is not a valid calendar date"),
            FieldKind.Timestamp or FieldKind.TimestampTz => new Failure(1206, $"Invalid timestamp: '{raw}' is out of range"),
            _ => new Failure(1207, $"Overflow, Value '{raw}' out of range for type {state.Type}"),
        };
    }

    private static string TypeLabel(ColumnState state) => state.Kind switch
    {
        FieldKind.Int16 => "Short",
        FieldKind.Int32 => "Integer",
        FieldKind.Int64 => "Long",
        _ => "Decimal",
    };

    private static int FirstBadPosition(string raw)
    {
        string trimmed = raw.Trim(' ');
        for (int i = 0; i < trimmed.Length; i++)
        {
            char c = trimmed[i];
            if (char.IsAsciiDigit(c) || (i == 0 && c is '-' or '+') || c == '.') continue;
            return i;
        }
        return 0;
    }

    private static string FirstBadChar(string raw)
    {
        string trimmed = raw.Trim(' ');
        int position = FirstBadPosition(raw);
        return position < trimmed.Length ? trimmed[position].ToString() : trimmed;
    }
}
