using System.Globalization;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// Allocation-free parsing of integers, scaled decimals and floats from spans, with PostgreSQL's input
/// rules: surrounding whitespace allowed, optional sign, decimals round half away from zero to the target scale.
/// </summary>
public static class NumberParsing
{
    public static ParseStatus TryParseInt64(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty) return ParseStatus.InvalidSyntax;
        bool negative = false;
        int i = 0;
        if (text[0] is '+' or '-') { negative = text[0] == '-'; i = 1; }
        if (i == text.Length) return ParseStatus.InvalidSyntax;
        // Accumulate negatively so long.MinValue parses.
        long acc = 0;
        bool overflow = false;
        for (; i < text.Length; i++)
        {
            int digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                if (text[i] == '_' && i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1])) continue;
                return ParseStatus.InvalidSyntax;
            }
            if (acc < (long.MinValue + digit) / 10) overflow = true;
            else acc = acc * 10 - digit;
        }
        if (overflow) return ParseStatus.OutOfRange;
        if (!negative)
        {
            if (acc == long.MinValue) return ParseStatus.OutOfRange;
            acc = -acc;
        }
        value = acc;
        return ParseStatus.Ok;
    }

    public static ParseStatus TryParseInt32(ReadOnlySpan<char> text, out int value)
    {
        var status = TryParseInt64(text, out long wide);
        value = 0;
        if (status != ParseStatus.Ok) return status;
        if (wide is < int.MinValue or > int.MaxValue) return ParseStatus.OutOfRange;
        value = (int)wide;
        return ParseStatus.Ok;
    }

    public static ParseStatus TryParseInt16(ReadOnlySpan<char> text, out short value)
    {
        var status = TryParseInt64(text, out long wide);
        value = 0;
        if (status != ParseStatus.Ok) return status;
        if (wide is < short.MinValue or > short.MaxValue) return ParseStatus.OutOfRange;
        value = (short)wide;
        return ParseStatus.Ok;
    }

    /// <summary>Parses a decimal into an unscaled value at <paramref name="scale"/>, checking <paramref name="precision"/>.</summary>
    public static ParseStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        text = text.Trim();
        if (text.IsEmpty) return ParseStatus.InvalidSyntax;
        int i = 0;
        bool negative = false;
        if (text[0] is '+' or '-') { negative = text[0] == '-'; i = 1; }
        int mantissaStart = i;
        int digitCount = 0, integerDigits = 0;
        bool sawPoint = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                if (sawPoint) return ParseStatus.InvalidSyntax;
                sawPoint = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digitCount++;
                if (!sawPoint) integerDigits++;
            }
            else break;
        }
        if (digitCount == 0) return ParseStatus.InvalidSyntax;
        var mantissa = text[mantissaStart..i];
        long exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E')) return ParseStatus.InvalidSyntax;
            var expText = text[(i + 1)..];
            if (expText.IsEmpty || char.IsWhiteSpace(expText[0])) return ParseStatus.InvalidSyntax;
            if (TryParseInt64(expText, out exponent) != ParseStatus.Ok) return ParseStatus.InvalidSyntax;
            if (exponent is > 1000 or < -1000)
            {
                if (exponent > 0 && mantissa.IndexOfAnyInRange('1', '9') >= 0) return ParseStatus.OutOfRange;
                return ParseStatus.Ok;
            }
        }
        // Digit k of the mantissa (0-based, ignoring the point) has power 10^(integerDigits + exponent - 1 - k).
        // Keep digits whose power is ≥ -scale; the first dropped digit rounds half away from zero.
        long topPower = integerDigits + exponent - 1;
        Int128 result = 0;
        int kept = 0;
        int k = 0;
        bool roundUp = false;
        foreach (char c in mantissa)
        {
            if (c == '.') continue;
            int digit = c - '0';
            long power = topPower - k++;
            if (power >= -scale)
            {
                if (kept == 0 && digit == 0) continue;
                if (++kept > 38) return ParseStatus.OutOfRange;
                result = result * 10 + digit;
            }
            else
            {
                roundUp = power == -scale - 1 && digit >= 5;
                break;
            }
        }
        // Digits that end above 10^-scale need trailing zeros to reach the scale.
        long lastPower = topPower - (digitCount - 1);
        if (lastPower > -scale && result != 0)
        {
            long pad = lastPower + scale;
            if (kept + pad > 38) return ParseStatus.OutOfRange;
            result *= DecimalMath.Pow10Wide[pad];
        }
        if (roundUp) result++;
        if (!DecimalMath.FitsPrecision(result, precision)) return ParseStatus.OutOfRange;
        unscaled = negative ? -result : result;
        return ParseStatus.Ok;
    }

    /// <summary>Parses into a 64-bit unscaled value for DECIMAL(p ≤ 18, s).</summary>
    public static ParseStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, out long unscaled)
    {
        var status = TryParseDecimal(text, Math.Min(precision, 18), scale, out Int128 wide);
        unscaled = status == ParseStatus.Ok ? (long)wide : 0;
        return status;
    }

    /// <summary>PostgreSQL float input: decimal or exponent notation, NaN, [+-]Infinity/inf, case-insensitive.</summary>
    public static ParseStatus TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        value = 0;
        if (text.IsEmpty) return ParseStatus.InvalidSyntax;
        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return ParseStatus.Ok; }
        var body = text;
        bool negative = false;
        if (body[0] is '+' or '-') { negative = body[0] == '-'; body = body[1..]; }
        if (body.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || body.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return ParseStatus.Ok;
        }
        foreach (char c in body)
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')) return ParseStatus.InvalidSyntax;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return ParseStatus.InvalidSyntax;
        if (double.IsInfinity(value)) return ParseStatus.OutOfRange;
        return ParseStatus.Ok;
    }

    public static ParseStatus TryParseReal(ReadOnlySpan<char> text, out float value)
    {
        var status = TryParseDouble(text, out double wide);
        value = (float)wide;
        if (status == ParseStatus.Ok && float.IsInfinity(value) && !double.IsInfinity(wide)) return ParseStatus.OutOfRange;
        return status;
    }
}
