using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Memory;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Hashing;

/// <summary>
/// Maps tuples of key values to dense group ids 0..<see cref="Count"/>-1 (open addressing, linear probing).
/// Keys are hashed column by column and compared column by column for the rows whose hash matched, in
/// rounds over the whole batch: a round claims empty slots for new keys, stores those keys, then checks
/// candidate matches; mismatches move to the next slot for the next round. No row is boxed and no
/// virtual call is made per row. NULL keys form a group of their own (SQL grouping semantics); joins
/// that must not match NULLs filter those rows out themselves.
/// </summary>
public sealed class GroupKeyTable
{
    private readonly KeyColumn[] _columns;
    private readonly bool _singleKey;
    private readonly MemoryBudget? _memory;
    private int[] _slots;
    private SlotEntry[] _entries = [];
    private ulong[] _groupHashes;
    private int _mask;
    private long _reservedBytes;

    private readonly KeyTableScratch _scratch = new();

    public GroupKeyTable(IReadOnlyList<SqlType> keyTypes, MemoryBudget? memory = null, int expectedGroups = 0)
    {
        _columns = new KeyColumn[keyTypes.Count];
        for (int i = 0; i < _columns.Length; i++) _columns[i] = KeyColumn.Create(keyTypes[i]);
        KeyTypes = keyTypes;
        _memory = memory;
        int capacity = 64;
        while (capacity < expectedGroups * 2) capacity <<= 1;
        // One non-string key probes inline with the value in hand; string keys (stored as bytes) take the general path.
        _singleKey = keyTypes.Count == 1 && _columns[0] is not StringKeyColumn;
        if (_singleKey)
        {
            _entries = new SlotEntry[capacity];
            _slots = [];
        }
        else
        {
            _slots = new int[capacity];
        }
        _mask = capacity - 1;
        _groupHashes = new ulong[Math.Max(16, expectedGroups)];
    }

    public IReadOnlyList<SqlType> KeyTypes { get; }

    public int Count { get; private set; }

    /// <summary>Writes the group id of each row, creating groups for keys not seen before.</summary>
    public void FindOrInsert(IReadOnlyList<ColumnVector> keys, int rowCount, Span<int> groupIds) => Probe(keys, rowCount, groupIds, insert: true, _scratch);

    /// <summary>Writes the group id of each row, or -1 when its key is not in the table.</summary>
    public void Find(IReadOnlyList<ColumnVector> keys, int rowCount, Span<int> groupIds) => Probe(keys, rowCount, groupIds, insert: false, _scratch);

    /// <summary>
    /// <see cref="Find"/> with caller-owned scratch: safe from many threads at once while nobody inserts
    /// (a hash join's probe partitions share one finished build table).
    /// </summary>
    public void Find(IReadOnlyList<ColumnVector> keys, int rowCount, Span<int> groupIds, KeyTableScratch scratch) => Probe(keys, rowCount, groupIds, insert: false, scratch);

    /// <summary>The stored keys of groups [start, start+count), one vector per key column.</summary>
    public ColumnVector[] KeyVectors(int start, int count)
    {
        var result = new ColumnVector[_columns.Length];
        for (int c = 0; c < result.Length; c++) result[c] = _columns[c].ToVector(start, count);
        return result;
    }

    /// <summary>Releases what this table reserved from the memory budget.</summary>
    public void ReleaseMemory()
    {
        _memory?.Release(_reservedBytes);
        _reservedBytes = 0;
    }

    private void Probe(IReadOnlyList<ColumnVector> keys, int rowCount, Span<int> groupIds, bool insert, KeyTableScratch scratch)
    {
        if (rowCount == 0) return;
        scratch.Ensure(rowCount);
        if (insert) EnsureCapacity(Count + rowCount);

        var hashes = scratch.Hashes;
        if (_columns.Length == 0)
        {
            // Grouping by nothing: every row belongs to the single group 0.
            if (Count == 0 && insert) NewGroups(1);
            groupIds[..rowCount].Fill(Count == 0 ? -1 : 0);
            return;
        }
        if (_singleKey)
        {
            ProbeSingle(keys[0], rowCount, groupIds, insert, scratch.Hashes);
            return;
        }
        for (int c = 0; c < _columns.Length; c++) _columns[c].Hash(keys[c], hashes, rowCount, c == 0);

        var slots = _slots;
        int mask = _mask;
        var slotOf = scratch.SlotOf;
        var pending = scratch.Pending;
        var nextPending = scratch.NextPending;
        var newRowsBuffer = scratch.NewRows;
        var candRowsBuffer = scratch.CandRows;
        var candGroupsBuffer = scratch.CandGroups;
        for (int i = 0; i < rowCount; i++)
        {
            pending[i] = i;
            slotOf[i] = (int)(hashes[i] >> 32) & mask;
        }
        int pendingCount = rowCount;
        while (pendingCount > 0)
        {
            int newCount = 0, candCount = 0;
            int firstNew = Count;
            for (int p = 0; p < pendingCount; p++)
            {
                int row = pending[p];
                ulong h = hashes[row];
                int slot = slotOf[row];
                while (true)
                {
                    int g = slots[slot] - 1;
                    if (g < 0)
                    {
                        if (insert)
                        {
                            int group = firstNew + newCount;
                            slots[slot] = group + 1;
                            _groupHashes[group] = h;
                            newRowsBuffer[newCount++] = row;
                            groupIds[row] = group;
                        }
                        else
                        {
                            groupIds[row] = -1;
                        }
                        break;
                    }
                    if (_groupHashes[g] == h)
                    {
                        candRowsBuffer[candCount] = row;
                        candGroupsBuffer[candCount++] = g;
                        slotOf[row] = slot;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            if (newCount > 0)
            {
                var newRows = newRowsBuffer.AsSpan(0, newCount);
                for (int c = 0; c < _columns.Length; c++) _columns[c].Append(keys[c], newRows, firstNew);
                Count = firstNew + newCount;
            }
            if (candCount == 0) break;
            var equal = scratch.Equal.AsSpan(0, candCount);
            equal.Fill(true);
            var candRows = candRowsBuffer.AsSpan(0, candCount);
            var candGroups = candGroupsBuffer.AsSpan(0, candCount);
            for (int c = 0; c < _columns.Length; c++) _columns[c].Compare(keys[c], candRows, candGroups, equal);
            int next = 0;
            for (int k = 0; k < candCount; k++)
            {
                int row = candRows[k];
                if (equal[k])
                {
                    groupIds[row] = candGroups[k];
                }
                else
                {
                    slotOf[row] = (slotOf[row] + 1) & mask;
                    nextPending[next++] = row;
                }
            }
            (pending, nextPending) = (nextPending, pending);
            pendingCount = next;
        }
    }

    private int _nullGroup = -1;

    /// <summary>One key column: hash, probe and compare inline per row (no rounds, no per-column passes).</summary>
    private void ProbeSingle(ColumnVector key, int rowCount, Span<int> groupIds, bool insert, ulong[] hashes)
    {
        switch (key)
        {
            case ColumnVector<int> v when PrefetchPays(rowCount): ProbePrefetched(v, (KeyColumn<int>)_columns[0], rowCount, groupIds, insert, hashes); return;
            case ColumnVector<long> v when PrefetchPays(rowCount): ProbePrefetched(v, (KeyColumn<long>)_columns[0], rowCount, groupIds, insert, hashes); return;
        }
        switch (key)
        {
            case ColumnVector<int> v: ProbeSingle(v, (KeyColumn<int>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<long> v: ProbeSingle(v, (KeyColumn<long>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<short> v: ProbeSingle(v, (KeyColumn<short>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<Int128> v: ProbeSingle(v, (KeyColumn<Int128>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<double> v: ProbeSingle(v, (KeyColumn<double>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<float> v: ProbeSingle(v, (KeyColumn<float>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<bool> v: ProbeSingle(v, (KeyColumn<bool>)_columns[0], rowCount, groupIds, insert); break;
            case ColumnVector<Interval> v: ProbeSingle(v, (KeyColumn<Interval>)_columns[0], rowCount, groupIds, insert); break;
            default: throw new InvalidOperationException($"unexpected key vector {key.GetType()}");
        }
    }

    private void ProbeSingle<T>(ColumnVector<T> key, KeyColumn<T> store, int rowCount, Span<int> groupIds, bool insert)
    {
        // For integer keys the hash is a bijection of the value, so equal hashes mean equal keys and the
        // probe touches only the slot entry (one cache miss per row on big tables).
        bool hashIsKey = typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(bool);
        var values = key.Values;
        var validity = key.Validity;
        for (int i = 0; i < rowCount; i++)
        {
            groupIds[i] = validity is not null && !validity.IsValid(i)
                ? NullGroup(store, insert)
                : FindOrAdd(KeyHash.Hash(values[i]), values[i], store, insert, hashIsKey);
        }
    }

    /// <summary>Slots further ahead than this are prefetched while probing a table larger than the caches.</summary>
    private const int PrefetchDistance = 16;

    /// <summary>Prefetching helps only when the slot array is well beyond the L2 cache (about 1 MiB of slots here).</summary>
    private bool PrefetchPays(int rowCount) => Sse.IsSupported && rowCount >= 4 * PrefetchDistance && _entries.Length >= 1 << 16;

    /// <summary>
    /// <see cref="ProbeSingle{T}"/> for integer keys on a big table: all hashes first, then the probe loop
    /// prefetches the slot of the row <see cref="PrefetchDistance"/> ahead, so the cache misses of consecutive rows
    /// overlap instead of being paid one after another (aggregating lineitem by l_orderkey: 1.5 M groups).
    /// </summary>
    private unsafe void ProbePrefetched<T>(ColumnVector<T> key, KeyColumn<T> store, int rowCount, Span<int> groupIds, bool insert, ulong[] hashes)
    {
        var values = key.Values;
        var validity = key.Validity;
        int mask = _mask;
        for (int i = 0; i < rowCount; i++) hashes[i] = KeyHash.Hash(values[i]);
        fixed (SlotEntry* slots = _entries)
        {
            for (int i = 0; i < rowCount; i++)
            {
                if (i + PrefetchDistance < rowCount) Sse.Prefetch0(slots + ((int)(hashes[i + PrefetchDistance] >> 32) & mask));
                // Integer keys only: the hash is a bijection of the value, so equal hashes mean equal keys.
                groupIds[i] = validity is not null && !validity.IsValid(i)
                    ? NullGroup(store, insert)
                    : FindOrAdd(hashes[i], values[i], store, insert, hashIsKey: true);
            }
        }
    }

    /// <summary>The group of NULL keys, created on first use when inserting; -1 while there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NullGroup<T>(KeyColumn<T> store, bool insert)
    {
        if (_nullGroup < 0 && insert)
        {
            _nullGroup = Count;
            _groupHashes[Count] = KeyHash.NullHash;
            store.AppendOne(Count, default!, isNull: true);
            Count++;
        }
        return _nullGroup;
    }

    /// <summary>Linear probing for one key of hash <paramref name="h"/>: its group, a new group (insert), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindOrAdd<T>(ulong h, T value, KeyColumn<T> store, bool insert, bool hashIsKey)
    {
        var entries = _entries;
        int mask = _mask;
        int slot = (int)(h >> 32) & mask;
        while (true)
        {
            ref var entry = ref entries[slot];
            int g = entry.GroupPlusOne - 1;
            if (g < 0)
            {
                if (!insert) return -1;
                int group = Count++;
                entry = new SlotEntry(h, group + 1);
                _groupHashes[group] = h;
                store.AppendOne(group, value, isNull: false);
                return group;
            }
            if (entry.Hash == h && (hashIsKey || KeyHash.Equal(store.Values[g], value))) return g;
            slot = (slot + 1) & mask;
        }
    }

    private void NewGroups(int count)
    {
        if (Count + count > _groupHashes.Length) Array.Resize(ref _groupHashes, Math.Max(Count + count, _groupHashes.Length * 2));
        Count += count;
    }

    private void EnsureCapacity(int groups)
    {
        if (groups > _groupHashes.Length)
        {
            int size = Math.Max(groups, _groupHashes.Length * 2);
            Reserve((size - _groupHashes.Length) * (8L + BytesPerGroupKeys()));
            Array.Resize(ref _groupHashes, size);
        }
        int current = _mask + 1;
        if ((long)groups * 2 <= current) return;
        long capacity = current;
        while (capacity < (long)groups * 2) capacity <<= 1;
        if (capacity > 1 << 30) throw new Errors.SqlException(Errors.SqlState.ProgramLimitExceeded, "hash table too large: more than 500 million distinct keys");
        int mask = (int)capacity - 1;
        if (_singleKey)
        {
            Reserve((capacity - current) * 16);
            var entries = new SlotEntry[capacity];
            for (int g = 0; g < Count; g++)
            {
                if (g == _nullGroup) continue;
                ulong h = _groupHashes[g];
                int slot = (int)(h >> 32) & mask;
                while (entries[slot].GroupPlusOne != 0) slot = (slot + 1) & mask;
                entries[slot] = new SlotEntry(h, g + 1);
            }
            _entries = entries;
        }
        else
        {
            Reserve((capacity - current) * 4);
            var slots = new int[capacity];
            for (int g = 0; g < Count; g++)
            {
                int slot = (int)(_groupHashes[g] >> 32) & mask;
                while (slots[slot] != 0) slot = (slot + 1) & mask;
                slots[slot] = g + 1;
            }
            _slots = slots;
        }
        _mask = mask;
    }

    private long BytesPerGroupKeys()
    {
        long total = 0;
        foreach (var c in _columns) total += c.BytesPerGroup;
        return total;
    }

    private void Reserve(long bytes)
    {
        if (_memory is null) return;
        _memory.Reserve(bytes, "a hash table");
        _reservedBytes += bytes;
    }
}

/// <summary>Per-call working arrays of a <see cref="GroupKeyTable"/> probe, reused across batches by one thread.</summary>
public sealed class KeyTableScratch
{
    internal ulong[] Hashes = [];
    internal int[] SlotOf = [];
    internal int[] Pending = [];
    internal int[] NextPending = [];
    internal int[] NewRows = [];
    internal int[] CandRows = [];
    internal int[] CandGroups = [];
    internal bool[] Equal = [];

    internal void Ensure(int rowCount)
    {
        if (Hashes.Length >= rowCount) return;
        Hashes = new ulong[rowCount];
        SlotOf = new int[rowCount];
        Pending = new int[rowCount];
        NextPending = new int[rowCount];
        NewRows = new int[rowCount];
        CandRows = new int[rowCount];
        CandGroups = new int[rowCount];
        Equal = new bool[rowCount];
    }
}

/// <summary>A slot of a single-key table: the key's full hash next to its group id (0 = empty), one cache line access per probe.</summary>
internal readonly record struct SlotEntry(ulong Hash, int GroupPlusOne);
