using System.IO.Compression;
using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class CopyReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aw-copy-" + Guid.NewGuid().ToString("N"));

    public CopyReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string content, bool gzip = false)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + (gzip ? ".gz" : ".txt"));
        var bytes = Encoding.UTF8.GetBytes(content);
        if (!gzip) File.WriteAllBytes(path, bytes);
        else
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        return path;
    }

    private static readonly CopyColumn[] IdNameDate =
    {
        new("id", SqlType.Integer), new("name", SqlType.Varchar(10)), new("day", SqlType.Date),
    };

    private static List<object?[]> Rows(IEnumerable<Batch> batches) =>
        batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => b.Columns.Select(c => c.GetBoxed(r)).ToArray())).ToList();

    private static int Days(int y, int m, int d) => new DateOnly(y, m, d).DayNumber - new DateOnly(1970, 1, 1).DayNumber;

    [Fact]
    public void Pipe_delimited_text_with_default_null_marker_loads()
    {
        var path = WriteFile("1|alpha|2024-01-31\n2|\\N|1999-12-31\n3||\\N\n");
        var rows = Rows(new CopyReader(path, "t", IdNameDate, new CopyOptions()).ReadAll());
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { 1, "alpha", Days(2024, 1, 31) }, rows[0]);
        Assert.Equal(new object?[] { 2, null, Days(1999, 12, 31) }, rows[1]);
        Assert.Equal(new object?[] { 3, "", null }, rows[2]);
    }

    [Fact]
    public void A_trailing_delimiter_at_line_end_is_tolerated_like_dbgen_output()
    {
        var path = WriteFile("1|a|2020-01-01|\n2|b|2020-01-02|\n");
        var rows = Rows(new CopyReader(path, "t", IdNameDate, new CopyOptions()).ReadAll());
        Assert.Equal(2, rows.Count);
        Assert.Equal("b", rows[1][1]);
    }

    [Fact]
    public void Gzip_input_is_recognised_and_decompressed()
    {
        var path = WriteFile("7|zip|2021-05-05\n", gzip: true);
        var rows = Rows(new CopyReader(path, "t", IdNameDate, new CopyOptions { Gzip = true }).ReadAll());
        Assert.Equal(new object?[] { 7, "zip", Days(2021, 5, 5) }, Assert.Single(rows));
    }

    [Fact]
    public void Csv_handles_quotes_escaped_quotes_embedded_delimiters_and_newlines()
    {
        var path = WriteFile("id,name,day\r\n1,\"a,b\",2020-01-01\r\n2,\"say \"\"hi\"\"\",2020-01-02\n3,\"two\nlines\",2020-01-03\n4,,2020-01-04\n5,\"\",2020-01-05\n");
        var columns = new[] { new CopyColumn("id", SqlType.Integer), new CopyColumn("name", SqlType.Text), new CopyColumn("day", SqlType.Date) };
        var reader = new CopyReader(path, "t", columns, new CopyOptions { Csv = true, IgnoreHeader = 1 });
        var rows = Rows(reader.ReadAll());
        Assert.Empty(reader.Errors);
        Assert.Equal(5, rows.Count);
        Assert.Equal("a,b", rows[0][1]);
        Assert.Equal("say \"hi\"", rows[1][1]);
        Assert.Equal("two\nlines", rows[2][1]);
        Assert.Null(rows[3][1]);
        Assert.Equal("", rows[4][1]);
    }

    [Fact]
    public void Line_numbers_in_errors_count_the_newlines_inside_quoted_csv_fields()
    {
        var path = WriteFile("1,\"x\ny\",2020-01-01\n2,b,notadate\n");
        var columns = new[] { new CopyColumn("id", SqlType.Integer), new CopyColumn("name", SqlType.Text), new CopyColumn("day", SqlType.Date) };
        var reader = new CopyReader(path, "t", columns, new CopyOptions { Csv = true, MaxError = 5 });
        Assert.Single(reader.ReadAll().SelectMany(b => Enumerable.Range(0, b.RowCount)));
        var error = Assert.Single(reader.Errors);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("day", error.ColumnName);
        Assert.Equal("notadate", error.RawFieldValue);
    }

    [Fact]
    public void Bad_rows_are_skipped_and_reported_while_within_maxerror()
    {
        var path = WriteFile("1|a|2020-01-01\nx2|b|2020-01-02\n3|c|2020-02-30\n4|d|2020-01-04\n");
        var reader = new CopyReader(path, "t", IdNameDate, new CopyOptions { MaxError = 2 });
        var rows = Rows(reader.ReadAll());
        Assert.Equal(new[] { 1, 4 }, rows.Select(r => (int)r[0]!));
        Assert.Equal(2, reader.Errors.Count);
        var first = reader.Errors[0];
        Assert.Equal(2, first.LineNumber);
        Assert.Equal("id", first.ColumnName);
        Assert.Equal("x2", first.RawFieldValue);
        Assert.Equal(1207, first.ErrorCode);
        Assert.Contains("Invalid digit", first.ErrorReason);
        Assert.Equal("x2|b|2020-01-02", first.RawLine);
        Assert.Equal(3, reader.Errors[1].LineNumber);
        Assert.Equal(1205, reader.Errors[1].ErrorCode);
    }

    [Fact]
    public void Exceeding_maxerror_fails_the_copy_with_22P04_naming_line_column_and_reason()
    {
        var path = WriteFile("1|a|2020-01-01\n2|b|2020-01-02\n3|this is too long|2020-01-03\n");
        var reader = new CopyReader(path, "orders", IdNameDate, new CopyOptions());
        var e = Assert.Throws<CopyLoadException>(() => reader.ReadAll());
        Assert.Equal(SqlState.BadCopyFileFormat, e.SqlState);
        Assert.Contains("Load into table 'orders' failed", e.Message);
        Assert.Contains("Line 3", e.Message);
        Assert.Contains("name", e.Message);
        Assert.Contains("String length exceeds DDL length", e.Message);
        Assert.Equal(1204, Assert.Single(e.Errors).ErrorCode);
    }

    [Fact]
    public void Truncatecolumns_cuts_long_strings_to_the_declared_byte_length()
    {
        var path = WriteFile("1|abcdefghijklmn|2020-01-01\n2|ééééééé|2020-01-01\n");
        var rows = Rows(new CopyReader(path, "t", IdNameDate, new CopyOptions { TruncateColumns = true }).ReadAll());
        Assert.Equal("abcdefghij", rows[0][1]);
        Assert.Equal("ééééé", rows[1][1]); // 10 bytes = 5 two-byte characters, never half a character
    }

    [Fact]
    public void Missing_and_extra_fields_are_row_errors()
    {
        var path = WriteFile("1|a\n2|b|2020-01-01|extra\n3|c|2020-01-01\n");
        var reader = new CopyReader(path, "t", IdNameDate, new CopyOptions { MaxError = 10 });
        Assert.Single(Rows(reader.ReadAll()));
        Assert.Equal("Delimiter not found", reader.Errors[0].ErrorReason);
        Assert.Equal("Extra column(s) found", reader.Errors[1].ErrorReason);
    }

    [Fact]
    public void Fillrecord_loads_missing_trailing_fields_as_null()
    {
        var path = WriteFile("1|a\n");
        var rows = Rows(new CopyReader(path, "t", IdNameDate, new CopyOptions { FillRecord = true }).ReadAll());
        Assert.Equal(new object?[] { 1, "a", null }, Assert.Single(rows));
    }

    [Fact]
    public void Null_as_emptyasnull_and_blanksasnull_control_which_fields_are_null()
    {
        var path = WriteFile("1;NULL\n2;\n3;   \n4;x\n");
        var columns = new[] { new CopyColumn("id", SqlType.Integer), new CopyColumn("s", SqlType.Text) };
        var plain = Rows(new CopyReader(path, "t", columns, new CopyOptions { Delimiter = ';', NullAs = "NULL" }).ReadAll());
        Assert.Equal(new object?[] { null, "", "   ", "x" }, plain.Select(r => r[1]));
        var nulled = Rows(new CopyReader(path, "t", columns, new CopyOptions { Delimiter = ';', NullAs = "NULL", EmptyAsNull = true, BlanksAsNull = true }).ReadAll());
        Assert.Equal(new object?[] { null, null, null, "x" }, nulled.Select(r => r[1]));
    }

    [Fact]
    public void Null_into_a_not_null_column_is_a_row_error()
    {
        var path = WriteFile("\\N|a|2020-01-01\n");
        var columns = new[] { new CopyColumn("id", SqlType.Integer, NotNull: true), IdNameDate[1], IdNameDate[2] };
        var e = Assert.Throws<CopyLoadException>(() => new CopyReader(path, "t", columns, new CopyOptions()).ReadAll());
        Assert.Equal(1213, e.Errors[0].ErrorCode);
    }

    [Fact]
    public void Ignoreheader_skips_the_first_lines()
    {
        var path = WriteFile("header line one\nheader two\n5|e|2020-01-01\n");
        var rows = Rows(new CopyReader(path, "t", IdNameDate, new CopyOptions { IgnoreHeader = 2 }).ReadAll());
        Assert.Equal(5, Assert.Single(rows)[0]);
    }

    [Fact]
    public void Dateformat_and_timeformat_patterns_are_honoured()
    {
        var path = WriteFile("31/01/2024|2024-01-31 13:45:07.25\n01/02/2024|2024-02-01 00:00:00\n");
        var columns = new[] { new CopyColumn("d", SqlType.Date), new CopyColumn("ts", SqlType.Timestamp) };
        var rows = Rows(new CopyReader(path, "t", columns, new CopyOptions { DateFormat = "DD/MM/YYYY", TimeFormat = "YYYY-MM-DD HH24:MI:SS" }).ReadAll());
        Assert.Equal(Days(2024, 1, 31), rows[0][0]);
        long expected = Days(2024, 1, 31) * 86_400_000_000L + ((13 * 60 + 45) * 60 + 7) * 1_000_000L + 250_000;
        Assert.Equal(expected, rows[0][1]);
        Assert.Equal(Days(2024, 2, 1), rows[1][0]);
    }

    [Fact]
    public void Epochsecs_timeformat_reads_unix_seconds()
    {
        var path = WriteFile("86400\n");
        var rows = Rows(new CopyReader(path, "t", new[] { new CopyColumn("ts", SqlType.Timestamp) }, new CopyOptions { TimeFormat = "epochsecs" }).ReadAll());
        Assert.Equal(86_400_000_000L, Assert.Single(rows)[0]);
    }

    [Fact]
    public void Invalid_utf8_fails_the_row_unless_acceptinvchars_replaces_it()
    {
        string path = Path.Combine(_dir, "bad.txt");
        File.WriteAllBytes(path, new byte[] { (byte)'1', (byte)'|', (byte)'a', 0xFF, (byte)'b', (byte)'\n' });
        var columns = new[] { new CopyColumn("id", SqlType.Integer), new CopyColumn("s", SqlType.Text) };
        var e = Assert.Throws<CopyLoadException>(() => new CopyReader(path, "t", columns, new CopyOptions()).ReadAll());
        Assert.Equal(1220, e.Errors[0].ErrorCode);
        var rows = Rows(new CopyReader(path, "t", columns, new CopyOptions { AcceptInvChars = '?' }).ReadAll());
        Assert.Equal("a?b", Assert.Single(rows)[1]);
    }

    [Fact]
    public void Numbers_decimals_booleans_and_timestamps_convert_to_physical_values()
    {
        var path = WriteFile("-32768|9223372036854775807|123.456|-0.5|t|1.5e3|2020-01-01 00:00:01+01:00|NaN\n");
        var columns = new[]
        {
            new CopyColumn("a", SqlType.SmallInt), new CopyColumn("b", SqlType.BigInt), new CopyColumn("c", SqlType.Decimal(10, 2)),
            new CopyColumn("d", SqlType.Decimal(38, 10)), new CopyColumn("e", SqlType.Boolean), new CopyColumn("f", SqlType.Double),
            new CopyColumn("g", SqlType.TimestampTz), new CopyColumn("h", SqlType.Real),
        };
        var row = Assert.Single(Rows(new CopyReader(path, "t", columns, new CopyOptions()).ReadAll()));
        Assert.Equal((short)-32768, row[0]);
        Assert.Equal(long.MaxValue, row[1]);
        Assert.Equal(12345L, row[2]); // truncated to scale 2, as COPY does without ROUNDEC
        Assert.Equal((Int128)(-5_000_000_000L), row[3]);
        Assert.Equal(true, row[4]);
        Assert.Equal(1500.0, row[5]);
        Assert.Equal(Days(2020, 1, 1) * 86_400_000_000L + 1_000_000L - 3_600_000_000L, row[6]);
        Assert.True(float.IsNaN((float)row[7]!));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("+7", 700L)]
    [InlineData("1.", 100L)]
    [InlineData(".5", 50L)]
    [InlineData("-12.3", -1230L)]
    [InlineData("  42.25 ", 4225L)]
    [InlineData("99999999.99", 9999999999L)]
    [InlineData("000001.10", 110L)]
    public void Decimal_spellings_load_to_the_scaled_value(string text, long expected)
    {
        var path = WriteFile(text + "\n");
        var rows = Rows(new CopyReader(path, "t", new[] { new CopyColumn("c", SqlType.Decimal(10, 2)) }, new CopyOptions()).ReadAll());
        Assert.Equal(expected, Assert.Single(rows)[0]);
    }

    [Theory]
    [InlineData("2147483647", true)]
    [InlineData("2147483648", false)]
    [InlineData("-2147483648", true)]
    [InlineData("12a", false)]
    [InlineData("-", false)]
    [InlineData("1e3", false)]
    public void Integer_fields_accept_exactly_the_values_that_fit(string text, bool loads)
    {
        var path = WriteFile(text + "\n");
        var reader = new CopyReader(path, "t", new[] { new CopyColumn("i", SqlType.Integer) }, new CopyOptions { MaxError = 1 });
        var rows = Rows(reader.ReadAll());
        Assert.Equal(loads ? 1 : 0, rows.Count);
        if (loads) Assert.Equal(int.Parse(text), rows[0][0]);
    }

    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("20240229", 2024, 2, 29)]
    [InlineData("2024/02/29", 2024, 2, 29)]
    [InlineData("02/29/2024", 2024, 2, 29)]
    public void Auto_dateformat_accepts_the_common_spellings(string text, int y, int m, int d)
    {
        var path = WriteFile(text + "\n");
        var rows = Rows(new CopyReader(path, "t", new[] { new CopyColumn("d", SqlType.Date) }, new CopyOptions()).ReadAll());
        Assert.Equal(Days(y, m, d), Assert.Single(rows)[0]);
    }

    [Fact]
    public void An_impossible_calendar_date_is_a_row_error()
    {
        var path = WriteFile("2023-02-29\n");
        var e = Assert.Throws<CopyLoadException>(() => new CopyReader(path, "t", new[] { new CopyColumn("d", SqlType.Date) }, new CopyOptions()).ReadAll());
        Assert.Equal(1205, e.Errors[0].ErrorCode);
    }

    [Fact]
    public void Roundec_rounds_extra_decimal_digits()
    {
        var path = WriteFile("123.456\n");
        var rows = Rows(new CopyReader(path, "t", new[] { new CopyColumn("c", SqlType.Decimal(10, 2)) }, new CopyOptions { RoundDecimals = true }).ReadAll());
        Assert.Equal(12346L, Assert.Single(rows)[0]);
    }

    [Fact]
    public void Out_of_range_integers_and_decimals_are_row_errors()
    {
        var path = WriteFile("32768|1\n1|123456789.1\n");
        var columns = new[] { new CopyColumn("a", SqlType.SmallInt), new CopyColumn("c", SqlType.Decimal(10, 2)) };
        var reader = new CopyReader(path, "t", columns, new CopyOptions { MaxError = 5 });
        Assert.Empty(reader.ReadAll());
        Assert.Equal(new[] { "a", "c" }, reader.Errors.Select(e => e.ColumnName));
    }

    [Fact]
    public void Large_input_spanning_several_chunks_keeps_order_and_line_numbers()
    {
        var builder = new StringBuilder();
        int count = 300_000;
        for (int i = 1; i <= count; i++)
            builder.Append(i).Append('|').Append(i == 250_000 ? "bad\u00e9" : "n" + (i % 1000)).Append("|2020-01-01\n");
        var path = WriteFile(builder.ToString());
        var columns = new[] { IdNameDate[0], new CopyColumn("name", SqlType.Varchar(4)), IdNameDate[2] };
        var reader = new CopyReader(path, "t", columns, new CopyOptions { MaxError = 1 });
        var batches = reader.ReadAll();
        var ids = batches.SelectMany(b => ((ColumnVector<int>)b[0]).Values.Take(b.RowCount)).ToArray();
        Assert.Equal(count - 1, ids.Length);
        Assert.True(ids.Zip(ids.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(250_000, Assert.Single(reader.Errors).LineNumber);
        Assert.All(batches, b => Assert.True(b.RowCount <= Batch.DefaultCapacity));
    }

    [Fact]
    public void A_stream_source_is_read_and_left_open()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("1|a|2020-01-01\nbad|b|2020-01-02\n"));
        var reader = CopyReader.FromStream(input, "STDIN", "t", IdNameDate, new CopyOptions { MaxError = 1 });
        Assert.Single(Rows(reader.ReadAll()));
        Assert.Equal("STDIN", Assert.Single(reader.Errors).FileName);
        Assert.True(input.CanRead);
    }

    [Fact]
    public void A_gzip_stream_source_is_recognised()
    {
        using var packed = new MemoryStream();
        using (var zip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(Encoding.UTF8.GetBytes("3|c|2020-01-03\n"));
        packed.Position = 0;
        var rows = Rows(CopyReader.FromStream(packed, "STDIN", "t", IdNameDate, new CopyOptions()).ReadAll());
        Assert.Equal(3, Assert.Single(rows)[0]);
    }

    [Fact]
    public void Csv_with_quoted_newlines_across_chunk_boundaries_keeps_every_record_intact()
    {
        var builder = new StringBuilder();
        int count = 250_000;
        for (int i = 0; i < count; i++)
            builder.Append(i).Append(",\"line one ").Append(i).Append("\nline \"\"two\"\", ok\",").Append(i % 7 == 0 ? "" : "x").Append('\n');
        var path = WriteFile(builder.ToString());
        Assert.True(new FileInfo(path).Length > 2 * 4 * 1024 * 1024, "the file must span several chunks");
        var columns = new[] { new CopyColumn("id", SqlType.Integer), new CopyColumn("text", SqlType.Text), new CopyColumn("tail", SqlType.Text) };
        var reader = new CopyReader(path, "t", columns, new CopyOptions { Csv = true });
        var rows = Rows(reader.ReadAll());
        Assert.Empty(reader.Errors);
        Assert.Equal(count, rows.Count);
        for (int i = 0; i < count; i += 997)
        {
            Assert.Equal(i, rows[i][0]);
            Assert.Equal($"line one {i}\nline \"two\", ok", rows[i][1]);
            Assert.Equal(i % 7 == 0 ? null : "x", rows[i][2]);
        }
    }

    [Fact]
    public void A_missing_file_is_reported_with_a_sqlstate()
    {
        var e = Assert.Throws<SqlException>(() => new CopyReader(Path.Combine(_dir, "nope.txt"), "t", IdNameDate, new CopyOptions()).ReadAll());
        Assert.Equal(SqlState.UndefinedObject, e.SqlState);
    }
}
