using System.Buffers.Binary;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Formats.Arrow;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Formats;

public sealed class ArrowRoundTripTests
{
    internal static byte[] WriteStream(IReadOnlyList<ArrowField> fields, params Batch[] batches)
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, fields, leaveOpen: true))
            foreach (var batch in batches) writer.WriteBatch(batch);
        return output.ToArray();
    }

    internal static List<Batch> ReadStream(byte[] bytes, out IReadOnlyList<ArrowField> fields)
    {
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        fields = reader.Fields;
        return reader.ReadAll().ToList();
    }

    [Fact]
    public void Every_type_with_nulls_reads_back_with_the_same_types_and_values()
    {
        var batches = new[] { ArrowTestData.Batch(0), ArrowTestData.Batch(100, rows: 70), ArrowTestData.Batch(7, rows: 0) };

        var read = ReadStream(WriteStream(ArrowTestData.AllTypes, batches), out var fields);

        Assert.Equal(ArrowTestData.AllTypes, fields);
        Assert.Equal(batches.Length, read.Count);
        for (int b = 0; b < batches.Length; b++)
        {
            Assert.Equal(batches[b].RowCount, read[b].RowCount);
            for (int c = 0; c < fields.Count; c++)
            {
                Assert.Equal(fields[c].Type, read[b][c].Type);
                for (int r = 0; r < batches[b].RowCount; r++)
                    Assert.Equal(ArrowTestData.Format(batches[b][c], r), ArrowTestData.Format(read[b][c], r));
            }
        }
    }

    [Fact]
    public void Columns_without_nulls_read_back_without_a_validity_bitmap()
    {
        var values = new ColumnVector<int>(SqlType.Integer, [1, 2, 3], 3);

        var read = ReadStream(WriteStream([new ArrowField("x", SqlType.Integer)], new Batch([values], 3)), out _);

        Assert.Null(read[0][0].Validity);
        Assert.Equal([1, 2, 3], ((ColumnVector<int>)read[0][0]).Span.ToArray());
    }

    [Fact]
    public void Message_bodies_and_buffers_are_64_byte_aligned_and_the_stream_ends_with_the_marker()
    {
        byte[] bytes = WriteStream(ArrowTestData.AllTypes, ArrowTestData.Batch(0), ArrowTestData.Batch(3, rows: 13));

        int position = 0, messages = 0;
        while (true)
        {
            Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position)));
            int metadataLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
            if (metadataLength == 0) break;
            Assert.Equal(0, metadataLength % 8);
            int bodyStart = position + 8 + metadataLength;
            Assert.Equal(0, bodyStart % 64);
            var header = ArrowMetadata.ParseMessage(bytes.AsMemory(position + 8, metadataLength));
            if (header.HeaderType == ArrowMetadata.HeaderRecordBatch)
            {
                var batch = ArrowMetadata.ParseRecordBatch(header.Header);
                for (int i = 0; i < batch.Buffers.Length; i += 2) Assert.Equal(0, batch.Buffers[i] % 64);
            }
            Assert.Equal(0, header.BodyLength % 64);
            position = bodyStart + (int)header.BodyLength;
            messages++;
        }
        Assert.Equal(3, messages);
        Assert.Equal(bytes.Length, position + 8);
    }

    [Fact]
    public void The_schema_can_be_given_as_name_type_nullable_tuples()
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, [("k", SqlType.BigInt, false), ("c", SqlType.Char(3), true)], leaveOpen: true))
            writer.WriteBatch(new Batch([new ColumnVector<long>(SqlType.BigInt, [5], 1), StringVector.FromStrings(SqlType.Char(3), ["ab"])], 1));

        var read = ReadStream(output.ToArray(), out var fields);

        Assert.Equal([new ArrowField("k", SqlType.BigInt, false), new ArrowField("c", SqlType.Char(3), true)], fields);
        Assert.Equal("ab", read[0][1].GetBoxed(0));
    }

    [Fact]
    public void A_stream_with_only_a_schema_has_no_batches()
    {
        var read = ReadStream(WriteStream(ArrowTestData.AllTypes), out var fields);

        Assert.Empty(read);
        Assert.Equal(ArrowTestData.AllTypes.Length, fields.Count);
    }

    [Fact]
    public void The_writer_refuses_a_column_of_another_type_than_the_schema()
    {
        using var writer = new ArrowStreamWriter(new MemoryStream(), [new ArrowField("x", SqlType.BigInt)]);
        var column = new ColumnVector<int>(SqlType.Integer, [1], 1);

        Assert.Throws<ArgumentException>(() => writer.WriteBatch(new Batch([column], 1)));
    }

    [Fact]
    public void The_writer_refuses_nulls_in_a_not_null_column()
    {
        using var writer = new ArrowStreamWriter(new MemoryStream(), [new ArrowField("x", SqlType.Integer, Nullable: false)]);
        var column = new ColumnVector<int>(SqlType.Integer, [1, 2], 2, new ValidityBitmap(2, allValid: false));

        var error = Assert.Throws<ArrowFormatException>(() => writer.WriteBatch(new Batch([column], 2)));
        Assert.Equal("23502", error.SqlState);
    }
}
