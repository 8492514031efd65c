using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Blocks;

/// <summary>Computes a block's <see cref="ZoneMap"/> with one typed loop per column.</summary>
internal static class ZoneMaps
{
    public static ZoneMap Compute(ColumnVector column, int count)
    {
        var validity = column.Validity;
        int nulls = 0;
        if (validity is not null)
            for (int i = 0; i < count; i++) if (!validity.IsValid(i)) nulls++;
        if (nulls == count) return ZoneMap.AllNull(count);
        return column switch
        {
            ColumnVector<bool> v => IntegerRange(v.Values, count, validity, nulls, static b => b ? 1 : 0),
            ColumnVector<short> v => IntRange(v.Values, count, validity, nulls),
            ColumnVector<int> v => IntRange(v.Values, count, validity, nulls),
            ColumnVector<long> v => LongRange(v.Values, count, validity, nulls),
            ColumnVector<Int128> v => IntegerRange(v.Values, count, validity, nulls, static x => x),
            ColumnVector<Interval> v => IntegerRange(v.Values, count, validity, nulls, static x => x.OrderingKey),
            ColumnVector<float> v => FloatRange(v.Values, count, validity, nulls, static x => x),
            ColumnVector<double> v => FloatRange(v.Values, count, validity, nulls, static x => x),
            StringVector v => TextRange(v, count, validity, nulls),
            _ => throw new ArgumentException($"no zone map for {column.GetType().Name}", nameof(column)),
        };
    }

    private static ZoneMap LongRange(long[] values, int count, ValidityBitmap? validity, int nulls)
    {
        long min = long.MaxValue, max = long.MinValue;
        if (validity is null)
        {
            for (int i = 0; i < count; i++)
            {
                long x = values[i];
                if (x < min) min = x;
                if (x > max) max = x;
            }
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                if (!validity.IsValid(i)) continue;
                long x = values[i];
                if (x < min) min = x;
                if (x > max) max = x;
            }
        }
        return new ZoneMap(count, nulls, true, ZoneValue.OfInteger(min), ZoneValue.OfInteger(max));
    }

    private static ZoneMap IntRange<T>(T[] values, int count, ValidityBitmap? validity, int nulls) where T : System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        T min = T.MaxValue, max = T.MinValue;
        for (int i = 0; i < count; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            T x = values[i];
            if (x < min) min = x;
            if (x > max) max = x;
        }
        return new ZoneMap(count, nulls, true, ZoneValue.OfInteger(Int128.CreateTruncating(min)), ZoneValue.OfInteger(Int128.CreateTruncating(max)));
    }

    private static ZoneMap IntegerRange<T>(T[] values, int count, ValidityBitmap? validity, int nulls, Func<T, Int128> widen)
    {
        Int128 min = Int128.MaxValue, max = Int128.MinValue;
        for (int i = 0; i < count; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            Int128 x = widen(values[i]);
            if (x < min) min = x;
            if (x > max) max = x;
        }
        return new ZoneMap(count, nulls, true, ZoneValue.OfInteger(min), ZoneValue.OfInteger(max));
    }

    private static ZoneMap FloatRange<T>(T[] values, int count, ValidityBitmap? validity, int nulls, Func<T, double> widen)
    {
        bool any = false;
        double min = 0, max = 0;
        for (int i = 0; i < count; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            double x = widen(values[i]);
            if (!any) { min = max = x; any = true; continue; }
            if (ZoneValue.CompareFloat(x, min) < 0) min = x;
            if (ZoneValue.CompareFloat(x, max) > 0) max = x;
        }
        return new ZoneMap(count, nulls, true, ZoneValue.OfFloat(min), ZoneValue.OfFloat(max));
    }

    private static ZoneMap TextRange(StringVector values, int count, ValidityBitmap? validity, int nulls)
    {
        int min = -1, max = -1;
        for (int i = 0; i < count; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            var x = values.GetBytes(i);
            if (min < 0 || x.SequenceCompareTo(values.GetBytes(min)) < 0) min = i;
            if (max < 0 || x.SequenceCompareTo(values.GetBytes(max)) > 0) max = i;
        }
        // UTF-8 byte order is code point order, the order ZoneValue compares text in.
        string minText = min < 0 ? "" : values.GetString(min);
        string maxText = max < 0 ? "" : values.GetString(max);
        return TextBounds(count, nulls, minText, maxText);
    }

    private static ZoneMap TextBounds(int count, int nulls, string min, string max)
    {
        // A prefix of the minimum is still a lower bound; a too-long maximum is dropped rather than made wrong.
        bool maxUnbounded = max.Length > ZoneMap.MaxTextBoundLength;
        if (min.Length > ZoneMap.MaxTextBoundLength)
        {
            int cut = ZoneMap.MaxTextBoundLength;
            if (char.IsHighSurrogate(min[cut - 1])) cut--; // never keep half a surrogate pair
            min = min.Substring(0, cut);
        }
        return new ZoneMap(count, nulls, true, ZoneValue.OfText(min), ZoneValue.OfText(maxUnbounded ? "" : max), maxUnbounded);
    }
}
