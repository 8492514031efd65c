using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Casting;

/// <summary>Casts from text (through the span parsers) and to text (through the formatter).</summary>
internal static class TextCasts
{
    public static ColumnVector FromText(ColumnVector input, SqlType target, bool isExplicit)
    {
        var source = (ColumnVector<string>)input;
        int n = input.Length;
        var values = source.Values;
        var validity = input.Validity?.Clone();
        if (target.IsString || target.Id == TypeId.Unknown)
        {
            if (target.Length == 0 && target.Id != TypeId.Char)
            {
                // CHAR → text drops trailing blanks (PostgreSQL); values stored by this engine have none already.
                if (input.Type.Id != TypeId.Char || !AnyTrailingBlank(values, n, validity)) return Casts.Retype(input, target);
                var trimmed = new string[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) trimmed[i] = values[i].TrimEnd(' ');
                return new ColumnVector<string>(target, trimmed, n, validity);
            }
            var result = new string[n];
            for (int i = 0; i < n; i++)
                if (validity is null || validity.IsValid(i)) result[i] = ValueParser.ParseString(values[i], target, isExplicit);
            return new ColumnVector<string>(target, result, n, validity);
        }
        switch (target.Id)
        {
            case TypeId.Boolean:
            {
                var result = new bool[n];
                for (int i = 0; i < n; i++)
                {
                    if (validity is not null && !validity.IsValid(i)) continue;
                    if (!ValueParser.TryParseBoolean(values[i], out result[i])) throw DataErrors.InvalidText(target, values[i]);
                }
                return new ColumnVector<bool>(target, result, n, validity);
            }
            case TypeId.SmallInt:
            {
                var result = new short[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseInt16(values[i], out result[i]), values[i], target);
                return new ColumnVector<short>(target, result, n, validity);
            }
            case TypeId.Integer:
            {
                var result = new int[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseInt32(values[i], out result[i]), values[i], target);
                return new ColumnVector<int>(target, result, n, validity);
            }
            case TypeId.BigInt:
            {
                var result = new long[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseInt64(values[i], out result[i]), values[i], target);
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.Decimal when target.IsWideDecimal:
            {
                var (p, s) = ValueParser.DecimalShape(target);
                var result = new Int128[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseDecimal(values[i], p, s, out result[i]), values[i], target);
                return new ColumnVector<Int128>(target, result, n, validity);
            }
            case TypeId.Decimal:
            {
                var (p, s) = ValueParser.DecimalShape(target);
                var result = new long[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseDecimal(values[i], p, s, out result[i]), values[i], target);
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.Real:
            {
                var result = new float[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseReal(values[i], out result[i]), values[i], target);
                return new ColumnVector<float>(target, result, n, validity);
            }
            case TypeId.Double:
            {
                var result = new double[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(NumberParsing.TryParseDouble(values[i], out result[i]), values[i], target);
                return new ColumnVector<double>(target, result, n, validity);
            }
            case TypeId.Date:
            {
                var result = new int[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(DateTimeParsing.TryParseDate(values[i], out result[i]), values[i], target);
                return new ColumnVector<int>(target, result, n, validity);
            }
            case TypeId.Timestamp:
            {
                var result = new long[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(DateTimeParsing.TryParseTimestamp(values[i], out result[i]), values[i], target);
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.TimestampTz:
            {
                var result = new long[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) Check(DateTimeParsing.TryParseTimestampTz(values[i], out result[i]), values[i], target);
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.Interval:
            {
                var result = new Interval[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = ValueParser.ParseInterval(values[i], null);
                return new ColumnVector<Interval>(target, result, n, validity);
            }
            default:
                throw Casts.CannotCast(input.Type, target);
        }
    }

    public static ColumnVector ToText(ColumnVector input, SqlType target, bool isExplicit)
    {
        int n = input.Length;
        var validity = input.Validity?.Clone();
        var result = new string[n];
        bool isBoolean = input.Type.Id == TypeId.Boolean;
        var bools = isBoolean ? ((ColumnVector<bool>)input).Values : null;
        for (int i = 0; i < n; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            // boolean::text is 'true'/'false' in PostgreSQL, although boolean output is 't'/'f'.
            string text = bools is not null ? (bools[i] ? "true" : "false") : ValueFormatter.Format(input, i)!;
            result[i] = target.Length > 0 || target.Id == TypeId.Char ? ValueParser.ParseString(text, target, isExplicit) : text;
        }
        return new ColumnVector<string>(target, result, n, validity);
    }

    private static bool AnyTrailingBlank(string[] values, int n, ValidityBitmap? validity)
    {
        for (int i = 0; i < n; i++)
            if ((validity is null || validity.IsValid(i)) && values[i] is { Length: > 0 } v && v[^1] == ' ') return true;
        return false;
    }

    private static void Check(ParseStatus status, string text, SqlType type)
    {
        if (status != ParseStatus.Ok) throw ValueParser.Error(status, text, type);
    }
}
