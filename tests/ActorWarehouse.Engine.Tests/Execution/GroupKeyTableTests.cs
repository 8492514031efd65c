using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class GroupKeyTableTests
{
    private static int[] Insert(GroupKeyTable table, params ColumnVector[] keys)
    {
        var ids = new int[keys[0].Length];
        table.FindOrInsert(keys, ids.Length, ids);
        return ids;
    }

    [Fact]
    public void Nulls_form_one_group_and_equal_keys_share_a_group()
    {
        var table = new GroupKeyTable([SqlType.Integer]);
        var ids = Insert(table, Ints(5, null, 5, 7, null));
        Assert.Equal(3, table.Count);
        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(ids[1], ids[4]);
        Assert.NotEqual(ids[0], ids[3]);
        Assert.True(table.KeyVectors(0, 3)[0].IsNull(ids[1]));
    }

    [Fact]
    public void Nan_equals_nan_and_negative_zero_equals_zero()
    {
        var table = new GroupKeyTable([SqlType.Double]);
        var ids = Insert(table, Doubles(double.NaN, 0.0, double.NaN, -0.0));
        Assert.Equal(2, table.Count);
        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(ids[1], ids[3]);
    }

    [Fact]
    public void Intervals_group_by_their_postgresql_ordering_key()
    {
        var table = new GroupKeyTable([SqlType.Interval]);
        var values = new ColumnVector<Interval>(SqlType.Interval, [new Interval(1, 0, 0), new Interval(0, 30, 0), new Interval(0, 1, 0)], 3);
        var ids = Insert(table, values);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public void Find_reports_missing_keys_without_inserting()
    {
        var table = new GroupKeyTable([SqlType.Text, SqlType.Integer]);
        Insert(table, Texts("a", "b"), Ints(1, 2));
        var ids = new int[3];
        table.Find([Texts("a", "a", "b"), Ints(1, 2, 2)], 3, ids);
        Assert.Equal([0, -1, 1], ids);
        Assert.Equal(2, table.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Growing_past_many_rehashes_keeps_every_group(int keyColumns)
    {
        var types = Enumerable.Repeat(SqlType.Text, keyColumns).ToArray();
        var table = new GroupKeyTable(types);
        for (int round = 0; round < 2; round++)
        {
            for (int start = 0; start < 50_000; start += 4096)
            {
                int n = Math.Min(4096, 50_000 - start);
                var column = Texts(Enumerable.Range(start, n).Select(i => (string?)$"key-{i}").ToArray());
                var ids = Insert(table, Enumerable.Repeat<ColumnVector>(column, keyColumns).ToArray());
                for (int i = 0; i < n; i++) Assert.Equal(start + i, ids[i]);
            }
        }
        Assert.Equal(50_000, table.Count);
    }

    [Fact]
    public void Hashing_is_deterministic_across_instances()
    {
        Assert.Equal(KeyHash.HashString("lineitem"), KeyHash.HashString(new string("lineitem".ToCharArray())));
        Assert.NotEqual(KeyHash.HashString("A"), KeyHash.HashString("B"));
        Assert.NotEqual(KeyHash.HashString("ab"), KeyHash.HashString("ab\0"));
    }
}
