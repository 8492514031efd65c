using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Execution;

/// <summary>
/// Tables with hundreds of thousands of integer keys take the prefetching probe path; group ids must still be
/// one per distinct key (NULLs one group), stable across batches, and absent keys must not be found.
/// </summary>
public sealed class LargeGroupKeyTableTests
{
    private const int Keys = 300_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_distinct_key_gets_one_stable_group_across_many_batches(bool bigint)
    {
        var type = bigint ? SqlType.BigInt : SqlType.Integer;
        var table = new GroupKeyTable([type]);
        var groupOf = new Dictionary<long, int>();
        int nullGroup = -1;
        var random = new Random(7);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int start = 0; start < Keys; start += Batch.DefaultCapacity)
            {
                int n = Math.Min(Batch.DefaultCapacity, Keys - start);
                var keys = new long[n];
                var validity = new ValidityBitmap(n);
                for (int i = 0; i < n; i++)
                {
                    // Scattered keys (multiples of 7919 wrap around) with every 97th row NULL.
                    keys[i] = (long)(start + i) * 7919 % 1_000_003 - 500_000;
                    if (random.Next(97) == 0) validity.SetNull(i);
                }
                var vector = Vector(type, keys, validity);
                var ids = new int[n];
                table.FindOrInsert([vector], n, ids);
                for (int i = 0; i < n; i++)
                {
                    if (!validity.IsValid(i))
                    {
                        if (nullGroup < 0) nullGroup = ids[i];
                        Assert.Equal(nullGroup, ids[i]);
                    }
                    else if (groupOf.TryGetValue(keys[i], out int expected)) Assert.Equal(expected, ids[i]);
                    else groupOf[keys[i]] = ids[i];
                }
            }
        }
        Assert.Equal(groupOf.Count + (nullGroup >= 0 ? 1 : 0), table.Count);
        Assert.Equal(groupOf.Count, groupOf.Values.Distinct().Count());

        var absent = new long[Batch.DefaultCapacity];
        for (int i = 0; i < absent.Length; i++) absent[i] = 2_000_000 + i;
        var found = new int[absent.Length];
        table.Find([Vector(type, absent, null)], absent.Length, found);
        Assert.All(found, g => Assert.Equal(-1, g));
    }

    private static ColumnVector Vector(SqlType type, long[] keys, ValidityBitmap? validity) => type.Id == TypeId.BigInt
        ? new ColumnVector<long>(type, keys, keys.Length, validity)
        : new ColumnVector<int>(type, keys.Select(k => (int)k).ToArray(), keys.Length, validity);
}
