using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Batches;

/// <summary>String columns in Arrow's layout: offsets, UTF-8 bytes, validity — and the operations that move them.</summary>
public sealed class StringVectorTests
{
    private static StringVector Of(params string?[] values)
    {
        ValidityBitmap? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is not null) continue;
            validity ??= new ValidityBitmap(values.Length);
            validity.SetNull(i);
        }
        return StringVector.FromStrings(SqlType.Text, values, validity);
    }

    private static void AssertValues(ColumnVector vector, params string?[] expected) =>
        Assert.Equal((IEnumerable<string?>)expected, Enumerable.Range(0, vector.Length).Select(i => (string?)vector.GetBoxed(i)));

    [Fact]
    public void Values_are_utf8_bytes_back_to_back_with_one_offset_per_row_and_empty_null_slots()
    {
        var vector = Of("ab", null, "", "é€");
        Assert.Equal([0, 2, 2, 2, 7], vector.Offsets[..5]);
        Assert.Equal(Encoding.UTF8.GetBytes("abé€"), vector.Data[..7]);
        AssertValues(vector, "ab", null, "", "é€");
        Assert.True(vector.IsNull(1));
        Assert.False(vector.IsNull(2)); // the empty string is a value, not NULL
    }

    [Fact]
    public void A_null_slot_reads_as_empty_whatever_bytes_it_holds()
    {
        // Nothing promises a NULL slot is empty (COPY's rejected rows, Arrow input): readers go by validity.
        var validity = new ValidityBitmap(2);
        validity.SetNull(1);
        var vector = new StringVector(SqlType.Text, [0, 1, 4], "abc"u8.ToArray(), 2, validity);
        Assert.Equal("", vector.GetString(1));
        Assert.Equal(["a", ""], vector.ToStrings());
        Assert.Equal(["a", ""], ((ColumnVector<string>)StringForms.Decode(vector)).Values);
        AssertValues(vector, "a", null);
    }

    [Fact]
    public void A_constant_takes_the_vector_of_its_sql_type()
    {
        var ints = Assert.IsType<ColumnVector<int>>(VectorOps.Constant(SqlType.Integer, "42", 3));
        Assert.Equal([42, 42, 42], ints.Values);
        var text = Assert.IsType<StringVector>(VectorOps.Constant(SqlType.Varchar(5), "ab", 2));
        Assert.Equal(SqlType.Varchar(5), text.Type);
        AssertValues(text, "ab", "ab");
        AssertValues(VectorOps.Constant(SqlType.Text, 12, 2), "12", "12");
    }

    [Fact]
    public void Take_gathers_bytes_and_turns_minus_one_into_null()
    {
        var taken = VectorSelection.Take(Of("x", null, "yz", "ω"), [3, 0, -1, 1, 2, 2]);
        AssertValues(taken, "ω", "x", null, null, "yz", "yz");
        Assert.IsType<StringVector>(taken);
    }

    [Fact]
    public void A_range_copy_starts_its_offsets_at_zero()
    {
        var range = (StringVector)VectorSelection.CopyRange(Of("aa", "bbb", null, "c"), 1, 3);
        Assert.Equal(0, range.Offsets[0]);
        AssertValues(range, "bbb", null, "c");
    }

    [Fact]
    public void Concat_and_scatter_keep_values_and_nulls_in_place()
    {
        var joined = VectorOps.Concat(SqlType.Text, [Of("a", null), Of("", "d")], "a test");
        AssertValues(joined, "a", null, "", "d");

        var target = Of("t0", "t1", null, "t3");
        var result = VectorOps.Scatter(Of(null, "new"), target, [0, 2]);
        AssertValues(result, null, "t1", "new", "t3");
        AssertValues(target, "t0", "t1", null, "t3"); // the input vector is not rewritten
    }

    [Fact]
    public void Batches_refuse_dotnet_string_columns()
    {
        var decoded = StringForms.Decode(Of("a"));
        Assert.IsType<ColumnVector<string>>(decoded);
        Assert.Throws<ArgumentException>(() => new Batch([decoded], 1));
        Assert.IsType<StringVector>(StringForms.Encode(decoded));
    }

    [Fact]
    public void Group_keys_are_compared_as_bytes_with_null_and_empty_apart()
    {
        var table = new GroupKeyTable([SqlType.Text]);
        var groups = new int[6];
        table.FindOrInsert([Of("k", null, "", "k", "kk", null)], 6, groups);
        Assert.Equal([0, 1, 2, 0, 3, 1], groups);
        AssertValues(table.KeyVectors(0, table.Count)[0], "k", null, "", "kk");

        var probe = new int[3];
        table.Find([Of("kk", "x", null)], 3, probe);
        Assert.Equal([3, -1, 1], probe);
    }

    [Fact]
    public void Two_string_keys_group_by_both_columns()
    {
        var table = new GroupKeyTable([SqlType.Text, SqlType.Text]);
        var groups = new int[4];
        table.FindOrInsert([Of("a", "a", "ab", "a"), Of("bc", "b", "c", "bc")], 4, groups);
        Assert.Equal([0, 1, 2, 0], groups); // "a"+"bc" and "ab"+"c" concatenate alike but are different keys
    }

    [Fact]
    public void Equality_compares_bytes_row_by_row_or_against_a_constant()
    {
        Assert.Equal([true, false, true], ValueEquality.Equal(Of("a", "b", "é"), Of("a", "c", "é"), 3));
        Assert.Equal([false, true, false], ValueEquality.Equal(Of("a", "b", "bb"), Of("b"), 3));
    }

    [Fact]
    public void Key_hashes_depend_on_every_byte()
    {
        var hashes = new HashSet<ulong>();
        foreach (var text in new[] { "", "a", "b", "ab", "ba", "abcdefg", "abcdefgh", "abcdefghi", "bbcdefghi", "abcdefghj" })
            Assert.True(hashes.Add(KeyHash.HashUtf8(Encoding.UTF8.GetBytes(text))), text);
    }
}
