using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.CopyProtocol;

/// <summary>
/// Writes result rows in PostgreSQL's COPY TO formats: text (delimiter, NULL marker, backslash escapes) or CSV
/// (quoted when needed, NULL as the unquoted null string). Each row is one write to the stream.
/// </summary>
internal sealed class CopyOutWriter
{
    private readonly Stream _output;
    private readonly bool _csv;
    private readonly char _delimiter;
    private readonly string _nullMarker;
    private readonly char _quote;
    private readonly StringBuilder _row = new();

    public CopyOutWriter(Stream output, bool csv, char delimiter, string nullMarker, char quote)
    {
        _output = output;
        _csv = csv;
        _delimiter = delimiter;
        _nullMarker = nullMarker;
        _quote = quote;
    }

    public void WriteHeader(IReadOnlyList<string> names)
    {
        _row.Clear();
        for (int c = 0; c < names.Count; c++)
        {
            if (c > 0) _row.Append(_delimiter);
            AppendValue(names[c]);
        }
        Flush();
    }

    /// <summary>Writes every row of <paramref name="batch"/>'s first <paramref name="columns"/> columns; returns the row count.</summary>
    public long WriteBatch(Batch batch, int columns)
    {
        for (int r = 0; r < batch.RowCount; r++)
        {
            _row.Clear();
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) _row.Append(_delimiter);
                var text = ValueFormatter.Format(batch[c], r);
                if (text is null) _row.Append(_nullMarker);
                else AppendValue(text);
            }
            Flush();
        }
        return batch.RowCount;
    }

    private void AppendValue(string text)
    {
        if (_csv)
        {
            bool quote = text.Length == 0 || text == _nullMarker || text.AsSpan().IndexOfAny([_delimiter, _quote, '\r', '\n']) >= 0;
            if (!quote)
            {
                _row.Append(text);
                return;
            }
            _row.Append(_quote);
            foreach (char ch in text)
            {
                if (ch == _quote) _row.Append(_quote);
                _row.Append(ch);
            }
            _row.Append(_quote);
            return;
        }
        foreach (char ch in text)
        {
            switch (ch)
            {
                case '\\': _row.Append("\\\\"); break;
                case '\n': _row.Append("\\n"); break;
                case '\r': _row.Append("\\r"); break;
                case '\t': _row.Append("\\t"); break;
                case '\b': _row.Append("\\b"); break;
                case '\f': _row.Append("\\f"); break;
                case '\v': _row.Append("\\v"); break;
                default:
                    if (ch == _delimiter) _row.Append('\\');
                    _row.Append(ch);
                    break;
            }
        }
    }

    private void Flush()
    {
        _row.Append('\n');
        var bytes = Encoding.UTF8.GetBytes(_row.ToString());
        _output.Write(bytes, 0, bytes.Length);
    }
}
