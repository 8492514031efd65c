using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Execution.Operators.Join;

/// <summary>
/// For a single integer join key whose build values are dense (TPC-H's keys are 1..n), the group of each key
/// stored at <c>slot[key − min]</c>: a probe is one bounds check and one array read instead of hashing and
/// walking a hash table (a "perfect hash" join). Built only when the value range is at most
/// <see cref="MaxRangePerKey"/> times the number of distinct keys.
/// </summary>
internal sealed class DirectKeyIndex
{
    private const int MaxRangePerKey = 4;
    private const long MaxSlots = 1 << 26;

    private readonly long _min;
    private readonly int[] _groupPlusOne;

    private DirectKeyIndex(long min, int[] groupPlusOne)
    {
        _min = min;
        _groupPlusOne = groupPlusOne;
    }

    /// <summary>The index over the distinct keys (group g has key <paramref name="keys"/>[g]), or null when they are not dense.</summary>
    public static DirectKeyIndex? TryCreate(ColumnVector keys)
    {
        return keys switch
        {
            ColumnVector<int> v => TryCreate(v.Values, v.Length, v.Validity, static x => x),
            ColumnVector<long> v => TryCreate(v.Values, v.Length, v.Validity, static x => x),
            _ => null,
        };
    }

    private static DirectKeyIndex? TryCreate<T>(T[] values, int count, ValidityBitmap? validity, Func<T, long> widen)
    {
        if (count == 0) return null;
        long min = long.MaxValue, max = long.MinValue;
        int valid = 0;
        for (int g = 0; g < count; g++)
        {
            if (validity is not null && !validity.IsValid(g)) continue;
            long key = widen(values[g]);
            if (key < min) min = key;
            if (key > max) max = key;
            valid++;
        }
        if (valid == 0) return null;
        Int128 range = (Int128)max - min + 1;
        if (range > MaxSlots || range > (Int128)valid * MaxRangePerKey + 1024) return null;
        var slots = new int[(int)range];
        for (int g = 0; g < count; g++)
        {
            if (validity is not null && !validity.IsValid(g)) continue;
            slots[widen(values[g]) - min] = g + 1;
        }
        return new DirectKeyIndex(min, slots);
    }

    /// <summary>Bytes held by the index (for the memory budget).</summary>
    public long Bytes => 4L * _groupPlusOne.Length;

    /// <summary>Writes the group of each probe key, -1 when absent; NULL rows are left to the caller.</summary>
    public bool TryFind(ColumnVector probe, int rowCount, Span<int> groups)
    {
        switch (probe)
        {
            case ColumnVector<int> v: Find(v.Values, rowCount, groups); return true;
            case ColumnVector<long> v: Find(v.Values, rowCount, groups); return true;
            default: return false;
        }
    }

    private void Find(int[] values, int rowCount, Span<int> groups)
    {
        var slots = _groupPlusOne;
        long min = _min;
        ulong length = (ulong)slots.Length;
        for (int i = 0; i < rowCount; i++)
        {
            ulong offset = (ulong)(values[i] - min);
            groups[i] = offset < length ? slots[offset] - 1 : -1;
        }
    }

    private void Find(long[] values, int rowCount, Span<int> groups)
    {
        var slots = _groupPlusOne;
        long min = _min;
        ulong length = (ulong)slots.Length;
        for (int i = 0; i < rowCount; i++)
        {
            ulong offset = unchecked((ulong)(values[i] - min));
            groups[i] = offset < length ? slots[offset] - 1 : -1;
        }
    }
}
