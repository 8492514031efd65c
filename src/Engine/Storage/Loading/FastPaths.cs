namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>
/// Byte-level fast paths for the commonest field shapes (plain integers, plain decimals, ISO dates), tried before
/// the general parsers. Each either produces exactly what the general parser would, or declines.
/// </summary>
internal static class FastPaths
{
    /// <summary>Optional '-', then 1..18 digits.</summary>
    public static bool TryInt64(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (field.Length > 0 && field[0] == '-') { negative = true; i = 1; }
        int digits = field.Length - i;
        if (digits is < 1 or > 18) return false;
        long v = 0;
        for (; i < field.Length; i++)
        {
            uint d = (uint)(field[i] - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        value = negative ? -v : v;
        return true;
    }

    /// <summary>Optional '-', digits, optional '.' and at most <paramref name="scale"/> fraction digits; total fits 18 digits and the precision.</summary>
    public static bool TryDecimal64(ReadOnlySpan<byte> field, int precision, int scale, out long unscaled)
    {
        unscaled = 0;
        if (precision > 18) return false;
        int i = 0;
        bool negative = false;
        if (field.Length > 0 && field[0] == '-') { negative = true; i = 1; }
        long v = 0;
        int integerDigits = 0, fractionDigits = 0;
        bool any = false, inFraction = false;
        for (; i < field.Length; i++)
        {
            byte b = field[i];
            if (b == '.' && !inFraction) { inFraction = true; continue; }
            uint d = (uint)(b - '0');
            if (d > 9) return false;
            any = true;
            if (inFraction)
            {
                if (++fractionDigits > scale) return false;
            }
            else if (integerDigits > 0 || d != 0) integerDigits++;
            if (integerDigits + fractionDigits > 18) return false;
            v = v * 10 + d;
        }
        if (!any || integerDigits > precision - scale) return false;
        for (int k = fractionDigits; k < scale; k++) v *= 10;
        unscaled = negative ? -v : v;
        return true;
    }

    /// <summary>Exactly YYYY-MM-DD with a valid calendar date.</summary>
    public static bool TryIsoDate(ReadOnlySpan<byte> field, out int days)
    {
        days = 0;
        if (field.Length != 10 || field[4] != '-' || field[7] != '-') return false;
        int year = 0, month = 0, day = 0;
        for (int i = 0; i < 4; i++)
        {
            uint d = (uint)(field[i] - '0');
            if (d > 9) return false;
            year = year * 10 + (int)d;
        }
        uint m1 = (uint)(field[5] - '0'), m2 = (uint)(field[6] - '0'), d1 = (uint)(field[8] - '0'), d2 = (uint)(field[9] - '0');
        if (m1 > 9 || m2 > 9 || d1 > 9 || d2 > 9) return false;
        month = (int)(m1 * 10 + m2);
        day = (int)(d1 * 10 + d2);
        return DateFormatPattern.TryMakeDays(year, month, day, out days);
    }
}
