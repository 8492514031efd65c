using ActorWarehouse.Engine.Formats.Arrow.FlatBuffers;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// The FlatBuffers tables of Arrow's Message.fbs and Schema.fbs that we use, with their vtable
/// slots (a field's slot is its declaration index; a union takes two: type tag, then value).
/// </summary>
internal static class ArrowMetadata
{
    public const short MetadataVersionV5 = 4;
    public const byte HeaderSchema = 1, HeaderDictionaryBatch = 2, HeaderRecordBatch = 3;

    // Message { version, header_type, header, bodyLength, custom_metadata }
    private const int MessageVersion = 0, MessageHeaderType = 1, MessageHeader = 2, MessageBodyLength = 3;
    // Schema { endianness, fields, custom_metadata, features }
    private const int SchemaEndianness = 0, SchemaFields = 1;
    // Field { name, nullable, type_type, type, dictionary, children, custom_metadata }
    private const int FieldName = 0, FieldNullable = 1, FieldTypeType = 2, FieldType = 3, FieldDictionary = 4, FieldChildren = 5, FieldMetadata = 6;
    // KeyValue { key, value }
    private const int KeyValueKey = 0, KeyValueValue = 1;
    // DictionaryEncoding { id, indexType, isOrdered, dictionaryKind }
    private const int DictionaryId = 0, DictionaryIndexType = 1;
    // RecordBatch { length, nodes, buffers, compression, variadicBufferCounts }
    private const int BatchLength = 0, BatchNodes = 1, BatchBuffers = 2, BatchCompression = 3;
    // DictionaryBatch { id, data, isDelta }
    private const int DictionaryBatchId = 0, DictionaryBatchData = 1, DictionaryBatchIsDelta = 2;

    public static byte[] SchemaMessage(IReadOnlyList<ArrowField> fields)
    {
        var fieldTables = new FbTable[fields.Count];
        for (int i = 0; i < fields.Count; i++) fieldTables[i] = FieldTable(fields[i]);
        var schema = new FbTable().Short(SchemaEndianness, 0).Ref(SchemaFields, new FbTableVector(fieldTables));
        return Message(HeaderSchema, schema, bodyLength: 0);
    }

    public static byte[] RecordBatchMessage(long length, FbLongStructVector nodes, FbLongStructVector buffers, long bodyLength)
    {
        var batch = new FbTable().Long(BatchLength, length).Ref(BatchNodes, nodes).Ref(BatchBuffers, buffers);
        return Message(HeaderRecordBatch, batch, bodyLength);
    }

    private static byte[] Message(byte headerType, FbTable header, long bodyLength) =>
        FbSerializer.Serialize(new FbTable()
            .Short(MessageVersion, MetadataVersionV5)
            .Byte(MessageHeaderType, headerType)
            .Ref(MessageHeader, header)
            .Long(MessageBodyLength, bodyLength));

    private static FbTable FieldTable(ArrowField field)
    {
        var arrow = ArrowTypeMapping.ToArrow(field.Type);
        var table = new FbTable()
            .Ref(FieldName, new FbString(field.Name))
            .Bool(FieldNullable, field.Nullable)
            .Byte(FieldTypeType, (byte)arrow.Kind)
            .Ref(FieldType, TypeTable(arrow))
            .Ref(FieldChildren, new FbTableVector([]));
        if (ArrowTypeMapping.SqlTypeMetadata(field.Type) is { } sqlType)
        {
            var keyValue = new FbTable()
                .Ref(KeyValueKey, new FbString(ArrowTypeMapping.SqlTypeMetadataKey))
                .Ref(KeyValueValue, new FbString(sqlType));
            table.Ref(FieldMetadata, new FbTableVector([keyValue]));
        }
        return table;
    }

    private static FbTable TypeTable(ArrowType arrow) => arrow.Kind switch
    {
        // Int { bitWidth, is_signed }
        ArrowTypeKind.Int => new FbTable().Int(0, arrow.BitWidth).Bool(1, arrow.Signed),
        // FloatingPoint { precision }
        ArrowTypeKind.FloatingPoint => new FbTable().Short(0, (short)arrow.Precision),
        // Decimal { precision, scale, bitWidth }
        ArrowTypeKind.Decimal => new FbTable().Int(0, arrow.Precision).Int(1, arrow.Scale).Int(2, arrow.BitWidth),
        // Date { unit } / Interval { unit }
        ArrowTypeKind.Date or ArrowTypeKind.Interval => new FbTable().Short(0, arrow.Unit),
        // Timestamp { unit, timezone }
        ArrowTypeKind.Timestamp => new FbTable().Short(0, arrow.Unit).Ref(1, arrow.TimeZone is null ? null : new FbString(arrow.TimeZone)),
        // Null, Utf8, Bool: empty tables
        _ => new FbTable(),
    };

    // ---- reading ----

    /// <summary>The parts of a Message table the stream reader needs.</summary>
    public readonly record struct MessageHeaderInfo(byte HeaderType, FbTableReader Header, long BodyLength);

    public static MessageHeaderInfo ParseMessage(ReadOnlyMemory<byte> metadata)
    {
        var message = FbTableReader.Root(metadata);
        short version = message.GetShort(MessageVersion);
        if (version < 3) throw ArrowFormatException.Unsupported($"metadata version V{version + 1} (only V4 and V5 are read)");
        byte headerType = message.GetByte(MessageHeaderType);
        var header = message.GetTable(MessageHeader) ?? throw ArrowFormatException.Malformed("message has no header");
        long bodyLength = message.GetLong(MessageBodyLength);
        if (bodyLength < 0 || bodyLength % 8 != 0) throw ArrowFormatException.Malformed($"message body length {bodyLength} is not a non-negative multiple of 8");
        return new MessageHeaderInfo(headerType, header, bodyLength);
    }

    public static ArrowFieldInfo[] ParseSchema(FbTableReader schema)
    {
        if (schema.GetShort(SchemaEndianness) != 0) throw ArrowFormatException.Unsupported("big-endian data");
        var fieldTables = schema.GetTables(SchemaFields);
        var fields = new ArrowFieldInfo[fieldTables.Length];
        for (int i = 0; i < fieldTables.Length; i++) fields[i] = ParseField(fieldTables[i]);
        return fields;
    }

    private static ArrowFieldInfo ParseField(FbTableReader field)
    {
        string name = field.GetString(FieldName) ?? "";
        if (field.GetVectorLength(FieldChildren, 4) != 0) throw ArrowFormatException.Unsupported($"nested type of field \"{name}\"");
        var typeKind = (ArrowTypeKind)field.GetByte(FieldTypeType);
        var typeTable = field.GetTable(FieldType) ?? throw ArrowFormatException.Malformed($"field \"{name}\" has no type");
        var arrow = ParseType(typeKind, typeTable, name);

        ArrowDictionary? dictionary = null;
        if (field.GetTable(FieldDictionary) is { } encoding)
        {
            var indexType = encoding.GetTable(DictionaryIndexType);
            int bitWidth = indexType?.GetInt(0) ?? 32;
            bool signed = indexType?.GetBool(1) ?? true;
            if (bitWidth is not (8 or 16 or 32 or 64)) throw ArrowFormatException.Malformed($"dictionary index bit width {bitWidth} of field \"{name}\"");
            dictionary = new ArrowDictionary(encoding.GetLong(DictionaryId), bitWidth, signed);
        }

        string? sqlTypeHint = null;
        foreach (var keyValue in field.GetTables(FieldMetadata))
            if (keyValue.GetString(KeyValueKey) == ArrowTypeMapping.SqlTypeMetadataKey) sqlTypeHint = keyValue.GetString(KeyValueValue);

        var sqlType = ArrowTypeMapping.ToSqlType(arrow, sqlTypeHint);
        return new ArrowFieldInfo(name, field.GetBool(FieldNullable), arrow, dictionary, sqlType);
    }

    private static ArrowType ParseType(ArrowTypeKind kind, FbTableReader type, string fieldName) => kind switch
    {
        ArrowTypeKind.Null or ArrowTypeKind.Utf8 or ArrowTypeKind.LargeUtf8 or ArrowTypeKind.Bool => new ArrowType(kind),
        ArrowTypeKind.Int => new ArrowType(kind, BitWidth: type.GetInt(0), Signed: type.GetBool(1)),
        ArrowTypeKind.FloatingPoint => new ArrowType(kind, Precision: type.GetShort(0)),
        ArrowTypeKind.Decimal => new ArrowType(kind, Precision: type.GetInt(0), Scale: type.GetInt(1), BitWidth: type.GetInt(2, 128)),
        ArrowTypeKind.Date => new ArrowType(kind, Unit: type.GetShort(0, ArrowType.DateMillisecond)),
        ArrowTypeKind.Timestamp => new ArrowType(kind, Unit: type.GetShort(0), TimeZone: type.GetString(1)),
        ArrowTypeKind.Interval => new ArrowType(kind, Unit: type.GetShort(0)),
        _ => throw ArrowFormatException.Unsupported($"type with union tag {(byte)kind} (field \"{fieldName}\")"),
    };

    /// <summary>A RecordBatch table: row count, field nodes (length, null count) and buffers (offset, length).</summary>
    public readonly record struct RecordBatchInfo(long Length, long[] Nodes, long[] Buffers);

    public static RecordBatchInfo ParseRecordBatch(FbTableReader batch)
    {
        if (batch.Has(BatchCompression)) throw ArrowFormatException.Unsupported("body compression");
        long length = batch.GetLong(BatchLength);
        if (length < 0) throw ArrowFormatException.Malformed($"record batch length {length}");
        return new RecordBatchInfo(length, batch.GetLongStructs(BatchNodes, 2), batch.GetLongStructs(BatchBuffers, 2));
    }

    public static (long Id, RecordBatchInfo Data, bool IsDelta) ParseDictionaryBatch(FbTableReader dictionaryBatch)
    {
        var data = dictionaryBatch.GetTable(DictionaryBatchData) ?? throw ArrowFormatException.Malformed("dictionary batch has no data");
        return (dictionaryBatch.GetLong(DictionaryBatchId), ParseRecordBatch(data), dictionaryBatch.GetBool(DictionaryBatchIsDelta));
    }
}
