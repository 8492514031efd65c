using System.Globalization;
using System.Text.Json;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Formats.Arrow;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Formats;

/// <summary>Our Arrow IPC streams against the reference JavaScript implementation, in both directions.</summary>
public sealed class ArrowInteropTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"aw-arrow-{Guid.NewGuid():N}.arrows");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Apache_arrow_js_reads_our_stream_with_every_type_and_nulls()
    {
        var batches = new[] { ArrowTestData.Batch(0), ArrowTestData.Batch(10, rows: 3), ArrowTestData.Batch(20, rows: 3000) };
        using (var writer = new ArrowStreamWriter(File.Create(_file), ArrowTestData.AllTypes))
            foreach (var batch in batches) writer.WriteBatch(batch);

        var json = NodeArrowScript.Run("read", _file);

        Assert.Equal(3008, json.GetProperty("rows").GetInt32());
        Assert.Equal(3, json.GetProperty("batches").GetInt32());
        string[] expectedTypes =
        [
            "Bool", "Int16", "Int32", "Int64", "Decimal[12e+2]", "Decimal[38e+4]", "Float32", "Float64", "Utf8", "Utf8", "Utf8",
            "Date32<DAY>", "Timestamp<MICROSECOND>", "Timestamp<MICROSECOND, UTC>", "Interval<MONTH_DAY_NANO>", "Null",
        ];
        var schema = json.GetProperty("schema").EnumerateArray().ToArray();
        Assert.Equal(expectedTypes, schema.Select(f => f.GetProperty("type").GetString()));
        Assert.Equal(ArrowTestData.AllTypes.Select(f => f.Name), schema.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(ArrowTestData.AllTypes.Select(f => f.Nullable), schema.Select(f => f.GetProperty("nullable").GetBoolean()));

        for (int c = 0; c < ArrowTestData.AllTypes.Length; c++)
        {
            var expected = batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => ArrowTestData.Format(b[c], r)));
            var actual = json.GetProperty("columns").GetProperty(ArrowTestData.AllTypes[c].Name).EnumerateArray().Select(ValueOf);
            AssertValuesEqual(ArrowTestData.AllTypes[c].Name, expected, actual);
        }
    }

    [Fact]
    public void Our_reader_reads_a_stream_written_by_apache_arrow_js()
    {
        var json = NodeArrowScript.Run("write", _file);

        using var reader = new ArrowStreamReader(File.OpenRead(_file));
        var batches = reader.ReadAll().ToList();

        Assert.Equal(json.GetProperty("batches").GetInt32(), batches.Count);
        Assert.Equal(json.GetProperty("rows").GetInt32(), batches.Sum(b => b.RowCount));
        var expectedTypes = new Dictionary<string, SqlType>
        {
            ["i16"] = SqlType.SmallInt, ["i32"] = SqlType.Integer, ["i64"] = SqlType.BigInt, ["u8"] = SqlType.SmallInt,
            ["f32"] = SqlType.Real, ["f64"] = SqlType.Double, ["b"] = SqlType.Boolean, ["s"] = SqlType.Text, ["dict"] = SqlType.Text,
            ["dec"] = SqlType.Decimal(12, 2), ["wide"] = SqlType.Decimal(38, 4), ["d"] = SqlType.Date, ["ts"] = SqlType.Timestamp,
            ["tstz"] = SqlType.TimestampTz, ["iv"] = SqlType.Interval, ["nul"] = SqlType.Unknown,
        };
        Assert.Equal(expectedTypes.Keys, reader.Fields.Select(f => f.Name));
        Assert.Equal(expectedTypes.Values, reader.Fields.Select(f => f.Type));

        for (int c = 0; c < reader.Fields.Count; c++)
        {
            string name = reader.Fields[c].Name;
            var actual = batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => ArrowTestData.Format(b[c], r)));
            var expected = json.GetProperty("columns").GetProperty(name).EnumerateArray().Select(ValueOf);
            AssertValuesEqual(name, expected, actual);
        }
    }

    private static string? ValueOf(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    /// <summary>Exact text comparison, except floats, which the two sides print differently (1e+300 vs 1E+300).</summary>
    private static void AssertValuesEqual(string column, IEnumerable<string?> expected, IEnumerable<string?> actual)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.True(e.Length == a.Length, $"column {column}: {e.Length} values expected, {a.Length} found");
        for (int i = 0; i < e.Length; i++)
        {
            bool equal = e[i] == a[i]
                || (e[i] is { } x && a[i] is { } y
                    && double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out double dx)
                    && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out double dy) && dx == dy);
            Assert.True(equal, $"column {column}, row {i}: expected {e[i] ?? "NULL"}, found {a[i] ?? "NULL"}");
        }
    }
}
