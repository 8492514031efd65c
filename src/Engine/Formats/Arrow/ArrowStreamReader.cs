using System.Buffers.Binary;
using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// Reads an Arrow IPC stream into batches. The Schema message is read by the constructor; then
/// <see cref="ReadNextBatch"/> returns one batch per RecordBatch message (dictionary batches are
/// absorbed and dictionary-encoded columns materialised). Both the 0xFFFFFFFF-prefixed framing and
/// the older framing without the marker are accepted; the stream ends at the end-of-stream marker
/// or at a clean end of input between messages. Anything inconsistent raises <see cref="ArrowFormatException"/>.
/// </summary>
public sealed class ArrowStreamReader : IDisposable
{
    private const uint ContinuationMarker = 0xFFFFFFFF;
    private const int MaxMetadataLength = 64 << 20;
    private const int MaxRowsWithoutBody = 1 << 24;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly ArrowFieldInfo[] _fields;
    private readonly Dictionary<long, ColumnVector> _dictionaries = [];
    private bool _ended;

    public ArrowStreamReader(Stream input, bool leaveOpen = false)
    {
        if (!BitConverter.IsLittleEndian) throw ArrowFormatException.Unsupported("reading on a big-endian machine");
        _input = input;
        _leaveOpen = leaveOpen;
        var message = ReadMessage() ?? throw ArrowFormatException.Malformed("the stream ends before its Schema message");
        if (message.Header.HeaderType != ArrowMetadata.HeaderSchema)
            throw ArrowFormatException.Malformed($"the first message has header type {message.Header.HeaderType}, a Schema (1) was expected");
        _fields = ArrowMetadata.ParseSchema(message.Header.Header);
        Fields = _fields.Select(f => new ArrowField(f.Name, f.SqlType, f.Nullable)).ToArray();
    }

    public IReadOnlyList<ArrowField> Fields { get; }

    /// <summary>The next batch, or null at the end of the stream.</summary>
    public Batch? ReadNextBatch()
    {
        while (ReadMessage() is { } message)
        {
            switch (message.Header.HeaderType)
            {
                case ArrowMetadata.HeaderRecordBatch:
                    return DecodeBatch(ArrowMetadata.ParseRecordBatch(message.Header.Header), message.Body);
                case ArrowMetadata.HeaderDictionaryBatch:
                    AbsorbDictionary(message.Header.Header, message.Body);
                    break;
                case ArrowMetadata.HeaderSchema:
                    throw ArrowFormatException.Malformed("a second Schema message in the stream");
                default:
                    throw ArrowFormatException.Unsupported($"message with header type {message.Header.HeaderType}");
            }
        }
        return null;
    }

    public IEnumerable<Batch> ReadAll()
    {
        while (ReadNextBatch() is { } batch) yield return batch;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _input.Dispose();
    }

    private Batch DecodeBatch(ArrowMetadata.RecordBatchInfo info, ReadOnlyMemory<byte> body)
    {
        if (info.Length > int.MaxValue) throw ArrowFormatException.Unsupported($"record batch of {info.Length} rows");
        // Every array but the Null type needs body bytes per row; this bound keeps a corrupt length
        // from allocating gigabytes for columns of the Null type.
        if (info.Length > Math.Max(body.Length * 8L, MaxRowsWithoutBody))
            throw ArrowFormatException.Malformed($"record batch claims {info.Length} rows with a {body.Length}-byte body");
        var decoder = new ArrowBatchDecoder(info, body);
        var columns = new ColumnVector[_fields.Length];
        for (int i = 0; i < _fields.Length; i++)
        {
            var field = _fields[i];
            ColumnVector column;
            if (field.Dictionary is { } dictionary)
            {
                var (indices, validity) = ArrowColumnDecoder.DecodeIndices(dictionary, decoder, info.Length, field.Name);
                if (!_dictionaries.TryGetValue(dictionary.Id, out var values))
                    throw ArrowFormatException.Malformed($"field \"{field.Name}\" uses dictionary {dictionary.Id} before any DictionaryBatch defined it");
                column = ArrowDictionaryDecoder.Materialize(values, indices, validity, field.Name);
            }
            else
            {
                column = ArrowColumnDecoder.Decode(field.Type, field.SqlType, decoder, info.Length, field.Name);
            }
            columns[i] = column;
        }
        return new Batch(columns, (int)info.Length);
    }

    private void AbsorbDictionary(FlatBuffers.FbTableReader header, ReadOnlyMemory<byte> body)
    {
        var (id, data, isDelta) = ArrowMetadata.ParseDictionaryBatch(header);
        var field = _fields.FirstOrDefault(f => f.Dictionary?.Id == id)
            ?? throw ArrowFormatException.Malformed($"dictionary batch for id {id}, which no field uses");
        if (data.Length > Math.Max(body.Length * 8L, MaxRowsWithoutBody))
            throw ArrowFormatException.Malformed($"dictionary batch claims {data.Length} values with a {body.Length}-byte body");
        var values = ArrowColumnDecoder.Decode(field.Type, field.SqlType, new ArrowBatchDecoder(data, body), data.Length, field.Name);
        _dictionaries[id] = isDelta && _dictionaries.TryGetValue(id, out var existing)
            ? ArrowDictionaryDecoder.Append(existing, values)
            : values;
    }

    private readonly record struct Message(ArrowMetadata.MessageHeaderInfo Header, ReadOnlyMemory<byte> Body);

    private Message? ReadMessage()
    {
        if (_ended) return null;
        Span<byte> word = stackalloc byte[4];
        if (!ReadExactlyOrEnd(word, "message length"))
        {
            _ended = true;
            return null;
        }
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(word);
        int metadataLength;
        if (first == ContinuationMarker)
        {
            if (!ReadExactlyOrEnd(word, "message length")) throw ArrowFormatException.Malformed("the stream ends inside a message prefix");
            metadataLength = BinaryPrimitives.ReadInt32LittleEndian(word);
        }
        else
        {
            metadataLength = (int)first; // pre-1.0 framing: the length without the marker
        }
        if (metadataLength == 0)
        {
            _ended = true;
            return null;
        }
        if (metadataLength < 0 || metadataLength > MaxMetadataLength)
            throw ArrowFormatException.Malformed($"message metadata length {metadataLength}");

        EnsureAvailable(metadataLength, "message metadata");
        var metadata = new byte[metadataLength];
        if (!ReadExactlyOrEnd(metadata, "message metadata")) throw ArrowFormatException.Malformed("the stream ends inside message metadata");
        var header = ArrowMetadata.ParseMessage(metadata);
        if (header.BodyLength > Array.MaxLength) throw ArrowFormatException.Unsupported($"message body of {header.BodyLength} bytes");
        EnsureAvailable(header.BodyLength, "message body");
        var body = new byte[header.BodyLength];
        if (body.Length > 0 && !ReadExactlyOrEnd(body, "message body"))
            throw ArrowFormatException.Malformed($"the stream ends inside a {body.Length}-byte message body");
        return new Message(header, body);
    }

    /// <summary>On a seekable input, refuses a length that runs past its end before allocating a buffer for it.</summary>
    private void EnsureAvailable(long length, string what)
    {
        if (_input.CanSeek && length > _input.Length - _input.Position)
            throw ArrowFormatException.Malformed($"a {what} of {length} bytes runs past the end of the stream ({_input.Length - _input.Position} bytes left)");
    }

    /// <summary>Fills <paramref name="buffer"/>; false if the input ended before the first byte, an error if it ended midway.</summary>
    private bool ReadExactlyOrEnd(Span<byte> buffer, string what)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = _input.Read(buffer[total..]);
            if (n == 0)
            {
                if (total == 0) return false;
                throw ArrowFormatException.Malformed($"the stream ends after {total} of the {buffer.Length} bytes of a {what}");
            }
            total += n;
        }
        return true;
    }
}
