using System.Buffers.Binary;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// Writes batches as an Arrow IPC stream: a Schema message, one RecordBatch message per batch, then
/// the end-of-stream marker. Each message is the continuation marker 0xFFFFFFFF, the metadata
/// length (little-endian int32), the FlatBuffers Message padded so that the body starts 64-byte
/// aligned within the stream, then the body.
/// </summary>
public sealed class ArrowStreamWriter : IDisposable
{
    private const uint ContinuationMarker = 0xFFFFFFFF;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly IReadOnlyList<ArrowField> _fields;
    private long _position;
    private bool _finished;

    public ArrowStreamWriter(Stream output, IReadOnlyList<ArrowField> fields, bool leaveOpen = false)
    {
        if (!BitConverter.IsLittleEndian) throw ArrowFormatException.Unsupported("writing on a big-endian machine");
        _output = output;
        _leaveOpen = leaveOpen;
        _fields = fields.ToArray();
        WriteMessage(ArrowMetadata.SchemaMessage(_fields), body: null);
    }

    public ArrowStreamWriter(Stream output, IEnumerable<(string Name, SqlType Type, bool Nullable)> fields, bool leaveOpen = false)
        : this(output, fields.Select(f => new ArrowField(f.Name, f.Type, f.Nullable)).ToArray(), leaveOpen)
    {
    }

    public IReadOnlyList<ArrowField> Fields => _fields;

    public void WriteBatch(Batch batch)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (batch.ColumnCount != _fields.Count)
            throw new ArgumentException($"batch has {batch.ColumnCount} columns, the schema {_fields.Count}", nameof(batch));
        var body = new ArrowBody();
        for (int i = 0; i < _fields.Count; i++)
        {
            var field = _fields[i];
            var column = batch[i];
            if (!SameLayout(column.Type, field.Type))
                throw new ArgumentException($"column {i} (\"{field.Name}\") is {column.Type}, the schema says {field.Type}", nameof(batch));
            if (!field.Nullable && field.Type.Id != TypeId.Unknown && column.HasNulls)
                throw new ArrowFormatException(Errors.SqlState.NotNullViolation, $"column \"{field.Name}\" is declared NOT NULL but holds NULLs");
            ArrowColumnEncoder.Encode(column, field.Type, body);
        }
        WriteMessage(ArrowMetadata.RecordBatchMessage(batch.RowCount, body.Nodes, body.BufferDescriptors, body.Length), body);
    }

    /// <summary>Writes the end-of-stream marker and flushes. Further batches are refused.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        Span<byte> marker = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(marker, ContinuationMarker);
        BinaryPrimitives.WriteInt32LittleEndian(marker[4..], 0);
        _output.Write(marker);
        _position += 8;
        _output.Flush();
    }

    public void Dispose()
    {
        Finish();
        if (!_leaveOpen) _output.Dispose();
    }

    /// <summary>Column and schema types must agree on everything that changes the encoded bytes.</summary>
    private static bool SameLayout(SqlType column, SqlType schema) =>
        column.Id == schema.Id && (column.Id != TypeId.Decimal || (column.Scale == schema.Scale && column.IsWideDecimal == schema.IsWideDecimal))
        || (column.IsString && schema.IsString);

    private void WriteMessage(byte[] metadata, ArrowBody? body)
    {
        long bodyStart = ArrowBody.AlignUp(_position + 8 + metadata.Length);
        int paddedLength = (int)(bodyStart - _position - 8);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, ContinuationMarker);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], paddedLength);
        _output.Write(prefix);
        _output.Write(metadata);
        ArrowBody.WriteZeros(_output, paddedLength - metadata.Length);
        _position = bodyStart;
        if (body is not null)
        {
            body.WriteTo(_output);
            _position += body.Length;
        }
    }
}
