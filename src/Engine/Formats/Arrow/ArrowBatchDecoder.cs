namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// Walks the field nodes and buffers of one record batch message in order, checking every
/// buffer against the body so that decoding never reads outside it.
/// </summary>
internal sealed class ArrowBatchDecoder(ArrowMetadata.RecordBatchInfo info, ReadOnlyMemory<byte> body)
{
    private int _node;
    private int _buffer;

    public (long Length, long NullCount) NextNode()
    {
        if (2 * _node + 1 >= info.Nodes.Length)
            throw ArrowFormatException.Malformed($"record batch has {info.Nodes.Length / 2} field nodes, fewer than the schema needs");
        long length = info.Nodes[2 * _node], nullCount = info.Nodes[2 * _node + 1];
        _node++;
        if (length < 0 || nullCount < 0 || nullCount > length)
            throw ArrowFormatException.Malformed($"field node {_node - 1} has length {length} and null count {nullCount}");
        return (length, nullCount);
    }

    public ReadOnlyMemory<byte> NextBuffer()
    {
        if (2 * _buffer + 1 >= info.Buffers.Length)
            throw ArrowFormatException.Malformed($"record batch has {info.Buffers.Length / 2} buffers, fewer than the schema needs");
        long offset = info.Buffers[2 * _buffer], length = info.Buffers[2 * _buffer + 1];
        _buffer++;
        if (offset < 0 || length < 0 || offset + length > body.Length)
            throw ArrowFormatException.Malformed($"buffer {_buffer - 1} (offset {offset}, length {length}) lies outside the {body.Length}-byte message body");
        return body.Slice((int)offset, (int)length);
    }
}
