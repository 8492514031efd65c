using System.Globalization;
using System.Text;
using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// PostgreSQL's text output for every type: numeric with exactly its scale, floats as the shortest
/// round-trip digits (PostgreSQL 12+), dates 'YYYY-MM-DD', timestamps 'YYYY-MM-DD HH:MM:SS[.ffffff]',
/// timestamptz with '+00' (values are UTC), booleans t/f, intervals in the 'postgres' style.
/// </summary>
public static class ValueFormatter
{
    /// <summary>Formats a boxed physical value; null gives null.</summary>
    public static string? Format(object? physicalValue, SqlType type)
    {
        if (physicalValue is null) return null;
        return type.Id switch
        {
            TypeId.Boolean => FormatBoolean((bool)physicalValue),
            TypeId.SmallInt => ((short)physicalValue).ToString(CultureInfo.InvariantCulture),
            TypeId.Integer => ((int)physicalValue).ToString(CultureInfo.InvariantCulture),
            TypeId.BigInt => ((long)physicalValue).ToString(CultureInfo.InvariantCulture),
            TypeId.Decimal => physicalValue is Int128 wide ? FormatDecimal(wide, type.Scale) : FormatDecimal((long)physicalValue, type.Scale),
            TypeId.Real => FormatReal((float)physicalValue),
            TypeId.Double => FormatDouble((double)physicalValue),
            TypeId.Char or TypeId.Varchar or TypeId.Unknown => (string)physicalValue,
            TypeId.Date => FormatDate((int)physicalValue),
            TypeId.Timestamp => FormatTimestamp((long)physicalValue),
            TypeId.TimestampTz => FormatTimestampTz((long)physicalValue),
            TypeId.Interval => FormatInterval((Interval)physicalValue),
            _ => physicalValue.ToString(),
        };
    }

    /// <summary>
    /// The text a client is shown: <see cref="Format(object?, SqlType)"/>, except that CHAR(n) — stored without
    /// trailing blanks — is blank-padded to n, as PostgreSQL and Redshift return it (psql and the wire server alike).
    /// </summary>
    public static string? FormatForDisplay(object? physicalValue, SqlType type)
    {
        var text = Format(physicalValue, type);
        return text is not null && type.Id == TypeId.Char && text.Length < type.Length ? text.PadRight(type.Length) : text;
    }

    /// <summary>Formats row <paramref name="row"/> of a vector without boxing; null for a NULL row.</summary>
    public static string? Format(ColumnVector vector, int row)
    {
        if (vector.IsNull(row)) return null;
        var type = vector.Type;
        return type.Id switch
        {
            TypeId.Boolean => FormatBoolean(((ColumnVector<bool>)vector).Values[row]),
            TypeId.SmallInt => ((ColumnVector<short>)vector).Values[row].ToString(CultureInfo.InvariantCulture),
            TypeId.Integer => ((ColumnVector<int>)vector).Values[row].ToString(CultureInfo.InvariantCulture),
            TypeId.BigInt => ((ColumnVector<long>)vector).Values[row].ToString(CultureInfo.InvariantCulture),
            TypeId.Decimal when type.IsWideDecimal => FormatDecimal(((ColumnVector<Int128>)vector).Values[row], type.Scale),
            TypeId.Decimal => FormatDecimal(((ColumnVector<long>)vector).Values[row], type.Scale),
            TypeId.Real => FormatReal(((ColumnVector<float>)vector).Values[row]),
            TypeId.Double => FormatDouble(((ColumnVector<double>)vector).Values[row]),
            TypeId.Char or TypeId.Varchar or TypeId.Unknown => vector is StringVector strings ? strings.GetString(row) : ((ColumnVector<string>)vector).Values[row],
            TypeId.Date => FormatDate(((ColumnVector<int>)vector).Values[row]),
            TypeId.Timestamp => FormatTimestamp(((ColumnVector<long>)vector).Values[row]),
            TypeId.TimestampTz => FormatTimestampTz(((ColumnVector<long>)vector).Values[row]),
            TypeId.Interval => FormatInterval(((ColumnVector<Interval>)vector).Values[row]),
            _ => vector.GetBoxed(row)?.ToString(),
        };
    }

    public static string FormatBoolean(bool value) => value ? "t" : "f";

    public static string FormatDecimal(long unscaled, int scale) => FormatDecimal((Int128)unscaled, scale);

    public static string FormatDecimal(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        // Int128.MinValue has no positive counterpart, but it is outside every DECIMAL(38) anyway.
        string digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale <= 0) return negative ? "-" + digits : digits;
        if (digits.Length <= scale) digits = new string('0', scale - digits.Length + 1) + digits;
        int point = digits.Length - scale;
        var sb = new StringBuilder(digits.Length + 2);
        if (negative) sb.Append('-');
        sb.Append(digits, 0, point).Append('.').Append(digits, point, scale);
        return sb.ToString();
    }

    public static string FormatDouble(double value) => FormatFloat(value, value.ToString("R", CultureInfo.InvariantCulture), 15);

    public static string FormatReal(float value) => FormatFloat(value, value.ToString("R", CultureInfo.InvariantCulture), 6);

    /// <summary>
    /// Re-renders .NET's shortest round-trip digits the way PostgreSQL does: positional notation when the
    /// decimal exponent is in [-4, maxPositional), otherwise d.ddde±XX with at least two exponent digits.
    /// </summary>
    private static string FormatFloat(double value, string roundTrip, int maxPositional)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0" : "0";
        bool negative = roundTrip[0] == '-';
        var s = negative ? roundTrip.AsSpan(1) : roundTrip.AsSpan();
        int exponentMark = s.IndexOfAny('E', 'e');
        int exponent = 0;
        if (exponentMark >= 0)
        {
            exponent = int.Parse(s[(exponentMark + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..exponentMark];
        }
        // Collect significant digits and the position of the decimal point.
        var digits = new StringBuilder(20);
        int pointPosition = -1;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '.') { pointPosition = digits.Length; continue; }
            digits.Append(s[i]);
        }
        if (pointPosition < 0) pointPosition = digits.Length;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
        digits.Remove(0, leadingZeros);
        pointPosition -= leadingZeros;
        while (digits.Length > 1 && digits[^1] == '0') digits.Length--;
        // value = 0.d1d2d3… × 10^(pointPosition + exponent); decimal exponent of d1 is one less.
        int decimalExponent = pointPosition + exponent - 1;
        var sb = new StringBuilder(28);
        if (negative) sb.Append('-');
        if (decimalExponent < -4 || decimalExponent >= maxPositional)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits.ToString(1, digits.Length - 1));
            sb.Append('e').Append(decimalExponent < 0 ? '-' : '+');
            int absExp = Math.Abs(decimalExponent);
            if (absExp < 10) sb.Append('0');
            sb.Append(absExp.ToString(CultureInfo.InvariantCulture));
        }
        else if (decimalExponent < 0)
        {
            sb.Append("0.").Append('0', -decimalExponent - 1).Append(digits);
        }
        else if (digits.Length <= decimalExponent + 1)
        {
            sb.Append(digits).Append('0', decimalExponent + 1 - digits.Length);
        }
        else
        {
            sb.Append(digits.ToString(0, decimalExponent + 1)).Append('.').Append(digits.ToString(decimalExponent + 1, digits.Length - decimalExponent - 1));
        }
        return sb.ToString();
    }

    public static string FormatDate(int days)
    {
        var (y, m, d) = CivilCalendar.FromDays(days);
        var sb = new StringBuilder(14);
        AppendDate(sb, y, m, d);
        if (y <= 0) sb.Append(" BC");
        return sb.ToString();
    }

    public static string FormatTimestamp(long micros)
    {
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
        var (y, m, d) = CivilCalendar.FromDays(days);
        var sb = new StringBuilder(32);
        AppendDate(sb, y, m, d);
        sb.Append(' ');
        AppendTime(sb, ofDay);
        if (y <= 0) sb.Append(" BC");
        return sb.ToString();
    }

    /// <summary>TIMESTAMPTZ values are UTC instants; without a session time zone they print in UTC with '+00'.</summary>
    public static string FormatTimestampTz(long micros)
    {
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
        var (y, m, d) = CivilCalendar.FromDays(days);
        var sb = new StringBuilder(36);
        AppendDate(sb, y, m, d);
        sb.Append(' ');
        AppendTime(sb, ofDay);
        sb.Append("+00");
        if (y <= 0) sb.Append(" BC");
        return sb.ToString();
    }

    /// <summary>A TIMESTAMPTZ shown in a session time zone: local wall clock plus its offset ('+05:30', '-08').</summary>
    public static string FormatTimestampTz(long micros, TimeZones.Zone zone)
    {
        long offset = zone.OffsetAtUtc(micros);
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros + offset);
        var (y, m, d) = CivilCalendar.FromDays(days);
        var sb = new StringBuilder(40);
        AppendDate(sb, y, m, d);
        sb.Append(' ');
        AppendTime(sb, ofDay);
        long seconds = offset / Interval.MicrosPerSecond;
        sb.Append(seconds < 0 ? '-' : '+');
        seconds = Math.Abs(seconds);
        Append2(sb, (int)(seconds / 3600));
        if (seconds % 3600 != 0)
        {
            sb.Append(':');
            Append2(sb, (int)(seconds / 60 % 60));
            if (seconds % 60 != 0) { sb.Append(':'); Append2(sb, (int)(seconds % 60)); }
        }
        if (y <= 0) sb.Append(" BC");
        return sb.ToString();
    }

    private static void AppendDate(StringBuilder sb, int year, int month, int day)
    {
        int shown = year <= 0 ? 1 - year : year;
        sb.Append(shown.ToString("D4", CultureInfo.InvariantCulture)).Append('-');
        Append2(sb, month);
        sb.Append('-');
        Append2(sb, day);
    }

    /// <summary>HH:MM:SS then .ffffff without trailing zeros when there are fractional seconds.</summary>
    private static void AppendTime(StringBuilder sb, long microsOfDay)
    {
        long hours = microsOfDay / Interval.MicrosPerHour;
        long minutes = microsOfDay / Interval.MicrosPerMinute % 60;
        long seconds = microsOfDay / Interval.MicrosPerSecond % 60;
        long fraction = microsOfDay % Interval.MicrosPerSecond;
        if (hours < 10) sb.Append('0');
        sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append(':');
        Append2(sb, (int)minutes);
        sb.Append(':');
        Append2(sb, (int)seconds);
        AppendFraction(sb, fraction);
    }

    private static void AppendFraction(StringBuilder sb, long fraction)
    {
        if (fraction == 0) return;
        string f = fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        sb.Append('.').Append(f);
    }

    private static void Append2(StringBuilder sb, int value)
    {
        sb.Append((char)('0' + value / 10)).Append((char)('0' + value % 10));
    }

    /// <summary>PostgreSQL's default ('postgres') interval style: "1 year 2 mons 3 days 04:05:06", "-00:00:01", "00:00:00".</summary>
    public static string FormatInterval(Interval value)
    {
        var sb = new StringBuilder(40);
        bool isZero = true, isBefore = false;
        int years = value.Months / 12, months = value.Months % 12;
        AppendPart(sb, years, "year", ref isZero, ref isBefore);
        AppendPart(sb, months, "mon", ref isZero, ref isBefore);
        AppendPart(sb, value.Days, "day", ref isZero, ref isBefore);
        long micros = value.Micros;
        if (isZero || micros != 0)
        {
            bool minus = micros < 0;
            // Magnitude as UInt128 so long.MinValue is safe.
            UInt128 magnitude = minus ? (UInt128)(-(Int128)micros) : (UInt128)micros;
            UInt128 hours = magnitude / (UInt128)Interval.MicrosPerHour;
            int minutes = (int)(magnitude / (UInt128)Interval.MicrosPerMinute % 60);
            int seconds = (int)(magnitude / (UInt128)Interval.MicrosPerSecond % 60);
            long fraction = (long)(magnitude % (UInt128)Interval.MicrosPerSecond);
            if (!isZero) sb.Append(' ');
            sb.Append(minus ? "-" : isBefore ? "+" : "");
            if (hours < 10) sb.Append('0');
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append(':');
            Append2(sb, minutes);
            sb.Append(':');
            Append2(sb, seconds);
            AppendFraction(sb, fraction);
        }
        return sb.ToString();
    }

    private static void AppendPart(StringBuilder sb, int value, string unit, ref bool isZero, ref bool isBefore)
    {
        if (value == 0) return;
        if (!isZero) sb.Append(' ');
        if (isBefore && value > 0) sb.Append('+');
        sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        if (value != 1) sb.Append('s');
        isBefore = value < 0;
        isZero = false;
    }
}
