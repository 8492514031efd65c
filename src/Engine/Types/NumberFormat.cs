using System.Text;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// PostgreSQL numeric templates for to_char(number, template) and to_number(text, template):
/// 9 (digit, blank when leading), 0 (digit, zero when leading), . or D (decimal point), , or G (group separator),
/// S / MI / PL / SG (sign positions), FM (no padding, trailing fractional zeros dropped), L/$ (currency '$').
/// Without an explicit sign position one leading character holds '-' or a blank. Values too wide print as '#'.
/// </summary>
public sealed class NumberFormat
{
    private readonly string _pattern;
    private readonly bool _fillMode;
    private readonly int _integerDigits;
    private readonly int _fractionDigits;
    private readonly bool _explicitSign;

    private NumberFormat(string pattern)
    {
        _pattern = pattern;
        string upper = pattern.ToUpperInvariant();
        _fillMode = upper.Contains("FM", StringComparison.Ordinal);
        bool afterPoint = false;
        for (int i = 0; i < upper.Length; i++)
        {
            char c = upper[i];
            if (c is '.' or 'D') afterPoint = true;
            else if (c is '9' or '0')
            {
                if (afterPoint) _fractionDigits++;
                else _integerDigits++;
            }
        }
        _explicitSign = upper.Contains('S') || upper.Contains("MI", StringComparison.Ordinal) || upper.Contains("PL", StringComparison.Ordinal);
    }

    public static NumberFormat Compile(string pattern) => new(pattern);

    /// <summary>Digits after the decimal point in the template (the scale to_number produces).</summary>
    public int FractionDigits => _fractionDigits;

    /// <summary>Formats an unscaled decimal value of the given scale.</summary>
    public string Format(Int128 unscaled, int scale)
    {
        var rounded = DecimalMath.Rescale(unscaled, scale, _fractionDigits);
        bool negative = rounded < 0;
        string digits = Int128.Abs(rounded).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(_fractionDigits + 1, '0');
        string integerPart = digits[..^_fractionDigits].TrimStart('0');
        string fractionPart = _fractionDigits == 0 ? "" : digits[^_fractionDigits..];
        bool overflow = integerPart.Length > _integerDigits;

        var sb = new StringBuilder();
        string upper = _pattern.ToUpperInvariant();
        int integerSlot = 0; // index of the next integer digit position, left to right
        int fractionSlot = 0;
        bool afterPoint = false;
        bool started = false; // a digit (or a forced zero) has been written
        bool signWritten = false;
        char? pendingSign = null;
        int lastSignificantFraction = fractionPart.TrimEnd('0').Length;
        for (int i = 0; i < upper.Length; i++)
        {
            char c = upper[i];
            if (c == 'F' && i + 1 < upper.Length && upper[i + 1] == 'M') { i++; continue; }
            if ((c == 'M' && Next(upper, i, 'I')) || (c == 'P' && Next(upper, i, 'L')) || (c == 'S' && Next(upper, i, 'G')))
            {
                sb.Append(c == 'M' ? (negative ? "-" : " ") : c == 'P' ? (negative ? " " : "+") : (negative ? "-" : "+"));
                i++;
                signWritten = true;
                continue;
            }
            if (c == 'S')
            {
                // A leading S floats to just before the first digit; a trailing one stays in place.
                if (!started && !afterPoint) pendingSign = negative ? '-' : '+';
                else sb.Append(negative ? '-' : '+');
                signWritten = true;
                continue;
            }
            if (c is 'L' or '$') { sb.Append('$'); continue; }
            if (c is '.' or 'D')
            {
                if (pendingSign is { } ps) { sb.Append(ps); pendingSign = null; }
                if (!started && !_explicitSign && !signWritten) { WriteImplicitSign(sb, negative); signWritten = true; }
                afterPoint = true;
                sb.Append('.');
                continue;
            }
            if (c is ',' or 'G')
            {
                if (started) sb.Append(',');
                else if (!_fillMode) sb.Append(' ');
                continue;
            }
            if (c is '9' or '0')
            {
                if (overflow) { sb.Append('#'); continue; }
                if (afterPoint)
                {
                    char digit = fractionPart[fractionSlot];
                    // FM drops trailing zeros that a 9 would print.
                    if (!(_fillMode && c == '9' && fractionSlot >= lastSignificantFraction)) sb.Append(digit);
                    fractionSlot++;
                    continue;
                }
                int position = _integerDigits - integerSlot; // digits remaining including this one
                integerSlot++;
                bool hasDigit = position <= integerPart.Length;
                if (hasDigit || c == '0' || started || (position == 1 && integerPart.Length == 0 && _fractionDigits == 0))
                {
                    if (pendingSign is { } ps) { sb.Append(ps); pendingSign = null; }
                    if (!started && !_explicitSign && !signWritten) { WriteImplicitSign(sb, negative); signWritten = true; }
                    sb.Append(hasDigit ? integerPart[integerPart.Length - position] : '0');
                    started = true;
                }
                else if (!_fillMode)
                {
                    sb.Append(' ');
                }
                continue;
            }
            sb.Append(_pattern[i]);
        }
        if (pendingSign is { } leftover) sb.Append(leftover);
        if (!signWritten && !_explicitSign && negative) sb.Insert(0, '-');
        if (overflow && !_explicitSign && !_fillMode) sb.Insert(0, ' ');
        return sb.ToString();
    }

    private void WriteImplicitSign(StringBuilder sb, bool negative)
    {
        if (negative) sb.Append('-');
        else if (!_fillMode) sb.Append(' ');
    }

    private static bool Next(string s, int i, char c) => i + 1 < s.Length && s[i + 1] == c;

    /// <summary>Reads a number written with the template: digits, one decimal point, a sign; other characters are skipped.</summary>
    public ParseStatus TryParse(ReadOnlySpan<char> text, int precision, int scale, out Int128 unscaled)
    {
        var clean = new StringBuilder(text.Length);
        bool negative = false;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c) || c == '.') clean.Append(c);
            else if (c == '-' || c == '(') negative = true;
        }
        if (clean.Length == 0) { unscaled = 0; return ParseStatus.InvalidSyntax; }
        var status = NumberParsing.TryParseDecimal(clean.ToString(), precision, scale, out unscaled);
        if (negative) unscaled = -unscaled;
        return status;
    }
}
