using System.Runtime.CompilerServices;

namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// An ASCII byte buffer that rows of one chunk of a .tbl file are formatted into: fields
/// separated by '|', no trailing separator, one row per line.
/// </summary>
internal sealed class TpchRowBuffer(int capacity)
{
    private byte[] _bytes = new byte[Math.Max(capacity, 1024)];
    private int _length;
    private bool _fieldStarted;

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_length + count > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        return _bytes.AsSpan(_length, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Separator()
    {
        if (_fieldStarted)
        {
            Reserve(1)[0] = (byte)'|';
            _length++;
        }
        _fieldStarted = true;
    }

    public void EndRow()
    {
        Reserve(1)[0] = (byte)'\n';
        _length++;
        _fieldStarted = false;
    }

    public void Integer(long value)
    {
        Separator();
        value.TryFormat(Reserve(20), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>A decimal with two places from its value in hundredths (e.g. -5 → "-0.05").</summary>
    public void Money(long cents)
    {
        Separator();
        var span = Reserve(24);
        int n = 0;
        if (cents < 0)
        {
            span[n++] = (byte)'-';
            cents = -cents;
        }
        (cents / 100).TryFormat(span[n..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        n += written;
        long fraction = cents % 100;
        span[n++] = (byte)'.';
        span[n++] = (byte)('0' + fraction / 10);
        span[n++] = (byte)('0' + fraction % 10);
        _length += n;
    }

    public void Date(int daysSinceEpoch)
    {
        Separator();
        TpchDates.Format(daysSinceEpoch, Reserve(10));
        _length += 10;
    }

    public void Text(ReadOnlySpan<byte> ascii)
    {
        Separator();
        ascii.CopyTo(Reserve(ascii.Length));
        _length += ascii.Length;
    }

    /// <summary>A prefix followed by a number zero-padded to nine digits ("Supplier#000000001").</summary>
    public void Padded(ReadOnlySpan<byte> prefix, long number)
    {
        Separator();
        var span = Reserve(prefix.Length + 20);
        prefix.CopyTo(span);
        number.TryFormat(span[prefix.Length..], out int written, "D9", System.Globalization.CultureInfo.InvariantCulture);
        _length += prefix.Length + written;
    }

    /// <summary>Appends raw bytes to the current field (no separator).</summary>
    public void Append(ReadOnlySpan<byte> ascii)
    {
        ascii.CopyTo(Reserve(ascii.Length));
        _length += ascii.Length;
    }

    /// <summary>Starts an empty field whose content follows with <see cref="Append(ReadOnlySpan{byte})"/>.</summary>
    public void StartField() => Separator();

    public void AppendNumber(long value)
    {
        value.TryFormat(Reserve(20), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }
}

/// <summary>Date constants of clause 4.2.3 and fast YYYY-MM-DD formatting (days since 1970-01-01).</summary>
internal static class TpchDates
{
    public static readonly int StartDate = Days(1992, 1, 1);
    public static readonly int CurrentDate = Days(1995, 6, 17);
    public static readonly int EndDate = Days(1998, 12, 31);

    private static readonly int TableStart = Days(1990, 1, 1);
    private static readonly byte[][] Table = BuildTable();

    public static int Days(int year, int month, int day) => (int)(new DateOnly(year, month, day).DayNumber - new DateOnly(1970, 1, 1).DayNumber);

    public static void Format(int days, Span<byte> destination)
    {
        int index = days - TableStart;
        if ((uint)index < (uint)Table.Length)
        {
            Table[index].CopyTo(destination);
            return;
        }
        var date = DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + days);
        System.Text.Encoding.ASCII.GetBytes(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), destination);
    }

    private static byte[][] BuildTable()
    {
        var table = new byte[Days(2001, 1, 1) - TableStart][];
        for (int i = 0; i < table.Length; i++)
        {
            var date = DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + TableStart + i);
            table[i] = System.Text.Encoding.ASCII.GetBytes(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }
}
