using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class EncodingRoundTripTests
{
    public static IEnumerable<object[]> EncodingsAndTypes()
    {
        var types = new[] { "bool", "smallint", "int", "bigint", "date", "timestamp", "decimal", "widedecimal", "real", "double", "text", "interval" };
        foreach (ColumnEncoding encoding in Enum.GetValues<ColumnEncoding>())
        {
            if (encoding == ColumnEncoding.Auto) continue;
            foreach (var type in types) yield return new object[] { encoding, type };
        }
    }

    [Theory]
    [MemberData(nameof(EncodingsAndTypes))]
    public void Every_encoding_round_trips_every_type_with_nulls(ColumnEncoding encoding, string typeName)
    {
        foreach (var shape in new[] { "sorted", "random", "runs", "fewdistinct", "extremes" })
        {
            var original = Make(typeName, shape, 1000);
            var copy = Make(typeName, shape, 1000);
            var block = BlockCodec.Encode(copy, copy.Length, encoding, out var used);
            var decoded = BlockCodec.Decode(block, original.Type, "test");
            Assert.Equal(original.Length, decoded.Length);
            for (int i = 0; i < original.Length; i++)
            {
                Assert.Equal(original.IsNull(i), decoded.IsNull(i));
                if (!original.IsNull(i)) Assert.Equal(original.GetBoxed(i), decoded.GetBoxed(i));
            }
            if (ColumnEncodings.IsAllowed(encoding, original.Type) && encoding is not ColumnEncoding.ByteDict)
                Assert.Equal(encoding, used);
        }
    }

    [Fact]
    public void Bytedict_with_more_than_256_distinct_values_falls_back_to_raw()
    {
        var values = Enumerable.Range(0, 1000).ToArray();
        var block = BlockCodec.Encode(new ColumnVector<int>(SqlType.Integer, values, values.Length), values.Length, ColumnEncoding.ByteDict, out var used);
        Assert.Equal(ColumnEncoding.Raw, used);
        var decoded = (ColumnVector<int>)BlockCodec.Decode(block, SqlType.Integer, "test");
        Assert.Equal(values, decoded.Values);
    }

    [Fact]
    public void Az64_packs_sorted_integers_far_below_raw_size()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => 1_000_000_000L + i * 3).ToArray();
        var column = new ColumnVector<long>(SqlType.BigInt, values, values.Length);
        var az64 = BlockCodec.Encode(column, values.Length, ColumnEncoding.Az64, out _);
        Assert.True(az64.Length < values.Length * 8 / 10, $"AZ64 block is {az64.Length} bytes");
    }

    [Fact]
    public void Zstd_compresses_repetitive_text()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => $"customer comment number {i % 50} with padding").ToArray();
        var column = StringVector.FromStrings(SqlType.Text, values);
        var raw = BlockCodec.Encode(column, values.Length, ColumnEncoding.Raw, out _);
        var zstd = BlockCodec.Encode(column, values.Length, ColumnEncoding.Zstd, out _);
        Assert.True(zstd.Length * 4 < raw.Length, $"zstd {zstd.Length} vs raw {raw.Length}");
    }

    [Fact]
    public void A_flipped_byte_in_a_block_is_reported_as_corruption_not_returned_as_data()
    {
        var values = Enumerable.Range(0, 500).ToArray();
        var block = BlockCodec.Encode(new ColumnVector<int>(SqlType.Integer, values, values.Length), values.Length, ColumnEncoding.Raw, out _);
        for (int position = 0; position < block.Length; position += 37)
        {
            var damaged = (byte[])block.Clone();
            damaged[position] ^= 0x40;
            var e = Assert.Throws<SqlException>(() => BlockCodec.Decode(damaged, SqlType.Integer, "column \"x\""));
            Assert.Equal(SqlState.DataCorrupted, e.SqlState);
            Assert.Contains("column \"x\"", e.Message);
        }
    }

    [Fact]
    public void A_truncated_block_is_reported_as_corruption()
    {
        var block = BlockCodec.Encode(StorageTestData.Strings("a", "b", "c"), 3, ColumnEncoding.Zstd, out _);
        var e = Assert.Throws<SqlException>(() => BlockCodec.Decode(block.AsSpan(0, block.Length - 3), SqlType.Text, "t"));
        Assert.Equal(SqlState.DataCorrupted, e.SqlState);
    }

    [Fact]
    public void A_block_read_as_another_type_is_rejected()
    {
        var block = BlockCodec.Encode(StorageTestData.Ints(1, 2, 3), 3, ColumnEncoding.Raw, out _);
        var e = Assert.Throws<SqlException>(() => BlockCodec.Decode(block, SqlType.Real, "t"));
        Assert.Equal(SqlState.DataCorrupted, e.SqlState);
    }

    [Fact]
    public void Software_and_hardware_crc32c_agree_on_the_standard_check_value()
    {
        var data = "123456789"u8;
        Assert.Equal(0xE3069283u, Crc32C.Compute(data));
        Assert.Equal(0xE3069283u, Crc32C.Finish(Crc32C.AppendSoftware(Crc32C.Start, data)));
    }

    [Theory]
    [InlineData("rle", ColumnEncoding.RunLength)]
    [InlineData("LZO", ColumnEncoding.Zstd)]
    [InlineData("text255", ColumnEncoding.Zstd)]
    [InlineData("az64", ColumnEncoding.Az64)]
    [InlineData("RAW", ColumnEncoding.Raw)]
    public void Encoding_names_map_like_redshift(string name, ColumnEncoding expected) =>
        Assert.Equal(expected, ColumnEncodings.Parse(name));

    [Fact]
    public void Delta_on_a_text_column_is_an_invalid_table_definition()
    {
        var e = Assert.Throws<SqlException>(() => ColumnEncodings.Validate(new ColumnLayout("name", SqlType.Text, ColumnEncoding.Delta)));
        Assert.Equal(SqlState.InvalidTableDefinition, e.SqlState);
    }

    internal static ColumnVector Make(string typeName, string shape, int count)
    {
        var random = new Random(typeName.Length * 31 + shape.Length);
        long Next(int i) => shape switch
        {
            "sorted" => i * 7L - 300,
            "runs" => i / 100,
            "fewdistinct" => random.Next(0, 20),
            "extremes" => (i % 3) switch { 0 => long.MinValue + 1, 1 => long.MaxValue, _ => random.NextInt64() },
            _ => random.NextInt64(-1_000_000, 1_000_000),
        };
        ColumnVector vector = typeName switch
        {
            "bool" => Fill(SqlType.Boolean, count, i => Next(i) % 2 == 0),
            "smallint" => Fill(SqlType.SmallInt, count, i => (short)Next(i)),
            "int" => Fill(SqlType.Integer, count, i => (int)Next(i)),
            "bigint" => Fill(SqlType.BigInt, count, Next),
            "date" => Fill(SqlType.Date, count, i => (int)(Next(i) % 100_000)),
            "timestamp" => Fill(SqlType.Timestamp, count, Next),
            "decimal" => Fill(SqlType.Decimal(18, 2), count, Next),
            "widedecimal" => Fill(SqlType.Decimal(38, 4), count, i => (Int128)Next(i) * 1_000_000_000_000),
            "real" => Fill(SqlType.Real, count, i => i % 97 == 0 ? float.NaN : Next(i) / 8f),
            "double" => Fill(SqlType.Double, count, i => i % 89 == 0 ? double.NegativeInfinity : Next(i) / 3.0),
            "text" => Fill(SqlType.Text, count, i => i % 50 == 0 ? "" : "v" + Next(i) + (i % 7 == 0 ? "é☃" : "")),
            "interval" => Fill(SqlType.Interval, count, i => new Interval((int)(Next(i) % 1000), i % 30, Next(i))),
            _ => throw new ArgumentException(typeName),
        };
        vector = StringForms.Encode(vector);
        var validity = new ValidityBitmap(count);
        for (int i = 0; i < count; i += 13) validity.SetNull(i);
        vector.Validity = validity;
        return vector;
    }

    private static ColumnVector<T> Fill<T>(SqlType type, int count, Func<int, T> make)
    {
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = make(i);
        return new ColumnVector<T>(type, values, count);
    }
}
