namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>
/// Cuts the input stream into chunks of about <see cref="TargetChunkBytes"/> that end at a record boundary,
/// so they can be parsed in parallel: after the last newline for text format, after the last newline outside
/// quotes for CSV (quoted fields may contain newlines). Counts newlines to number each chunk's first line.
/// </summary>
internal sealed class CopyChunker
{
    public const int TargetChunkBytes = 4 << 20;

    private readonly Stream _input;
    private readonly bool _csv;
    private readonly byte _quote;

    public CopyChunker(Stream input, bool csv, byte quote)
    {
        _input = input;
        _csv = csv;
        _quote = quote;
    }

    public IEnumerable<CopyChunk> Chunks()
    {
        var buffer = new byte[TargetChunkBytes];
        int filled = 0;
        long line = 1;
        int index = 0;
        bool eof = false;
        while (true)
        {
            while (!eof && filled < buffer.Length)
            {
                int read = _input.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) eof = true;
                else filled += read;
            }
            if (filled == 0) yield break;

            int cut = eof ? filled : LastRecordEnd(buffer.AsSpan(0, filled));
            if (cut <= 0)
            {
                // One record longer than the buffer: grow and read on.
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }

            var chunk = new byte[cut];
            Buffer.BlockCopy(buffer, 0, chunk, 0, cut);
            yield return new CopyChunk(chunk, cut, line, index++);
            line += chunk.AsSpan().Count((byte)'\n');

            int rest = filled - cut;
            if (rest > 0) Buffer.BlockCopy(buffer, cut, buffer, 0, rest);
            filled = rest;
            if (eof && filled == 0) yield break;
        }
    }

    /// <summary>Index just past the last newline that ends a record, or 0 when there is none.</summary>
    private int LastRecordEnd(ReadOnlySpan<byte> data)
    {
        if (!_csv) return data.LastIndexOf((byte)'\n') + 1;
        int lastEnd = 0;
        bool inQuotes = false;
        int position = 0;
        while (true)
        {
            int next = inQuotes ? data.Slice(position).IndexOf(_quote) : data.Slice(position).IndexOfAny(_quote, (byte)'\n');
            if (next < 0) return lastEnd;
            position += next;
            if (data[position] == _quote) inQuotes = !inQuotes;
            else lastEnd = position + 1;
            position++;
        }
    }
}
