using System.Buffers.Binary;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Formats.Arrow;
using ActorWarehouse.Engine.Formats.Arrow.FlatBuffers;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Formats;

/// <summary>
/// Dictionary-encoded fields (our writer never produces them, other writers do): the stream is built
/// message by message from the Schema.fbs/Message.fbs tables.
/// </summary>
public sealed class ArrowDictionaryTests
{
    private const long DictionaryId = 7;

    [Fact]
    public void Dictionary_encoded_strings_are_materialised_including_delta_dictionaries()
    {
        var stream = new MemoryStream();
        WriteMessage(stream, SchemaMessage());
        WriteDictionary(stream, ["red", "green"], isDelta: false);
        WriteDictionary(stream, ["blue"], isDelta: true);
        WriteIndices(stream, [2, 0, 0, 1], nullAt: 2);
        WriteDictionary(stream, ["cyan"], isDelta: false); // a replacement dictionary
        WriteIndices(stream, [0, 0], nullAt: -1);

        using var reader = new ArrowStreamReader(new MemoryStream(stream.ToArray()));
        var batches = reader.ReadAll().ToList();

        Assert.Equal(SqlType.Text, reader.Fields[0].Type);
        Assert.Equal(new string?[] { "blue", "red", null, "green" }, Values(batches[0]));
        Assert.Equal(new string?[] { "cyan", "cyan" }, Values(batches[1]));
    }

    [Fact]
    public void An_index_outside_the_dictionary_is_reported()
    {
        var stream = new MemoryStream();
        WriteMessage(stream, SchemaMessage());
        WriteDictionary(stream, ["red"], isDelta: false);
        WriteIndices(stream, [0, 5], nullAt: -1);

        using var reader = new ArrowStreamReader(new MemoryStream(stream.ToArray()));
        var error = Assert.Throws<ArrowFormatException>(() => reader.ReadNextBatch());

        Assert.Contains("dictionary index 5", error.Message);
    }

    [Fact]
    public void Indices_before_any_dictionary_batch_are_reported()
    {
        var stream = new MemoryStream();
        WriteMessage(stream, SchemaMessage());
        WriteIndices(stream, [0], nullAt: -1);

        using var reader = new ArrowStreamReader(new MemoryStream(stream.ToArray()));

        Assert.Throws<ArrowFormatException>(() => reader.ReadNextBatch());
    }

    private static string?[] Values(Batch batch) =>
        Enumerable.Range(0, batch.RowCount).Select(r => (string?)batch[0].GetBoxed(r)).ToArray();

    private static FbTable SchemaMessage()
    {
        var indexType = new FbTable().Int(0, 16).Bool(1, true);
        var encoding = new FbTable().Long(0, DictionaryId).Ref(1, indexType);
        var field = new FbTable()
            .Ref(0, new FbString("colour")).Bool(1, true)
            .Byte(2, 5).Ref(3, new FbTable()) // Utf8
            .Ref(4, encoding);
        var schema = new FbTable().Short(0, 0).Ref(1, new FbTableVector([field]));
        return Message(1, schema, 0);
    }

    private static void WriteDictionary(Stream stream, string[] values, bool isDelta)
    {
        var body = new ArrowBody();
        ArrowColumnEncoder.Encode(StringVector.FromStrings(SqlType.Text, values), SqlType.Text, body);
        var data = new FbTable().Long(0, values.Length).Ref(1, body.Nodes).Ref(2, body.BufferDescriptors);
        var dictionaryBatch = new FbTable().Long(0, DictionaryId).Ref(1, data).Bool(2, isDelta);
        WriteMessage(stream, Message(2, dictionaryBatch, body.Length), body);
    }

    private static void WriteIndices(Stream stream, short[] indices, int nullAt)
    {
        var column = new ColumnVector<short>(SqlType.SmallInt, indices, indices.Length);
        if (nullAt >= 0)
        {
            column.Validity = new ValidityBitmap(indices.Length);
            column.Validity.SetNull(nullAt);
        }
        var body = new ArrowBody();
        ArrowColumnEncoder.Encode(column, SqlType.SmallInt, body);
        var batch = new FbTable().Long(0, indices.Length).Ref(1, body.Nodes).Ref(2, body.BufferDescriptors);
        WriteMessage(stream, Message(3, batch, body.Length), body);
    }

    private static FbTable Message(byte headerType, FbTable header, long bodyLength) =>
        new FbTable().Short(0, ArrowMetadata.MetadataVersionV5).Byte(1, headerType).Ref(2, header).Long(3, bodyLength);

    private static void WriteMessage(Stream stream, FbTable message, ArrowBody? body = null)
    {
        byte[] metadata = FbSerializer.Serialize(message);
        int padded = (metadata.Length + 7) / 8 * 8;
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(4), padded);
        stream.Write(prefix);
        stream.Write(metadata);
        stream.Write(new byte[padded - metadata.Length]);
        body?.WriteTo(stream);
    }
}
