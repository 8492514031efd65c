using System.Text;
using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>
/// Parses one chunk of whole records into batches of the target columns. Fields are byte spans of the chunk
/// (CSV fields with quotes are unescaped into a scratch buffer); numbers and dates are converted from the
/// bytes without allocating a string. A row with any bad field is skipped and reported as a <see cref="LoadError"/>.
/// One instance per chunk (not thread-safe).
/// </summary>
internal sealed partial class ChunkParser
{
    private const int MaxNumericFieldChars = 512;

    private readonly CopyReaderSettings _settings;
    private readonly ColumnState[] _columns;
    private readonly int[] _fieldStart;
    private readonly int[] _fieldLength;
    private readonly bool[] _fieldQuoted;
    private readonly bool[] _fieldInScratch;
    private byte[] _scratch = new byte[1024];
    private int _scratchUsed;
    private int _fieldCount;
    private bool _tooManyFields;

    private readonly List<Batch> _batches = new();
    private readonly List<LoadError> _errors = new();
    private int _rowsInBatch;
    private long _rows;

    public ChunkParser(CopyReaderSettings settings)
    {
        _settings = settings;
        _columns = settings.Columns.Select(c => new ColumnState(c)).ToArray();
        int maxFields = _columns.Length + 1;
        _fieldStart = new int[maxFields];
        _fieldLength = new int[maxFields];
        _fieldQuoted = new bool[maxFields];
        _fieldInScratch = new bool[maxFields];
    }

    public ChunkResult Parse(CopyChunk chunk)
    {
        var data = chunk.Buffer.AsSpan(0, chunk.Length);
        long line = chunk.FirstLine;
        int position = 0;
        while (position < data.Length)
        {
            long recordLine = line;
            int recordStart = position;
            string? structureError;
            if (_settings.Options.Csv)
            {
                structureError = SplitCsvRecord(data, ref position, ref line);
            }
            else
            {
                int newline = data.Slice(position).IndexOf((byte)'\n');
                int end = newline < 0 ? data.Length : position + newline;
                var record = data.Slice(position, end - position);
                if (!record.IsEmpty && record[^1] == '\r') record = record.Slice(0, record.Length - 1);
                structureError = null;
                if (recordLine > _settings.Options.IgnoreHeader && !(record.IsEmpty && _settings.Options.IgnoreBlankLines))
                    SplitTextRecord(record, position);
                else
                    _fieldCount = -1;
                position = end + 1;
                line++;
            }
            if (recordLine <= _settings.Options.IgnoreHeader || _fieldCount < 0) continue;
            var rawRecord = data.Slice(recordStart, Math.Max(0, Math.Min(position, data.Length) - recordStart));
            if (_settings.Options.Csv && _settings.Options.IgnoreBlankLines && IsBlankRecord(rawRecord)) continue;
            ProcessRecord(data, rawRecord, recordLine, structureError);
        }
        if (_rowsInBatch > 0) EmitBatch();
        return new ChunkResult(_batches, _errors, _rows);
    }

    private static bool IsBlankRecord(ReadOnlySpan<byte> raw) => raw.Trim("\r\n"u8).IsEmpty;

    private void ProcessRecord(ReadOnlySpan<byte> data, ReadOnlySpan<byte> rawRecord, long line, string? structureError)
    {
        int columnCount = _columns.Length;
        if (structureError is not null)
        {
            AddError(line, rawRecord, 0, "", 1216, structureError);
            return;
        }
        int fields = _fieldCount;
        // dbgen writes a delimiter after the last field: one extra, empty field is tolerated.
        if (fields == columnCount + 1 && _fieldLength[columnCount] == 0 && !_fieldQuoted[columnCount] && !_tooManyFields) fields = columnCount;
        if (fields > columnCount || _tooManyFields)
        {
            AddError(line, rawRecord, columnCount, "", 1214, "Extra column(s) found");
            return;
        }
        if (fields < columnCount && !_settings.Options.FillRecord)
        {
            AddError(line, rawRecord, fields, "", 1214, "Delimiter not found");
            return;
        }

        for (int c = 0; c < columnCount; c++)
        {
            var state = _columns[c];
            if (c >= fields)
            {
                if (!SetNull(state, line, rawRecord, c)) return;
                continue;
            }
            var field = Field(data, c);
            if (IsNull(state, field, _fieldQuoted[c]))
            {
                if (!SetNull(state, line, rawRecord, c)) return;
                continue;
            }
            var failure = Convert(state, field);
            if (failure is { } f)
            {
                AddError(line, rawRecord, c, Encoding.UTF8.GetString(field), f.Code, f.Reason);
                return;
            }
            state.Validity.SetValid(_rowsInBatch);
        }
        _rows++;
        if (++_rowsInBatch == Batch.DefaultCapacity) EmitBatch();
    }

    private bool SetNull(ColumnState state, long line, ReadOnlySpan<byte> rawRecord, int column)
    {
        if (state.Column.NotNull)
        {
            AddError(line, rawRecord, column, "", 1213, "Missing data for not-null field");
            return false;
        }
        state.Validity.SetNull(_rowsInBatch);
        state.AnyNull = true;
        return true;
    }

    private bool IsNull(ColumnState state, ReadOnlySpan<byte> field, bool quoted)
    {
        var options = _settings.Options;
        if (!quoted && _settings.NullAs is { } nullAs)
        {
            if (field.SequenceEqual(nullAs)) return true;
        }
        else if (!quoted && options.Csv && field.IsEmpty) return true;
        if (state.IsString)
        {
            if (options.EmptyAsNull && field.IsEmpty) return true;
            if (options.BlanksAsNull && field.Trim((byte)' ').IsEmpty && !field.IsEmpty) return true;
            return false;
        }
        // Empty (or blank) fields of non-character columns always load as NULL.
        return field.Trim((byte)' ').IsEmpty;
    }

    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> data, int index) =>
        _fieldInScratch[index]
            ? _scratch.AsSpan(_fieldStart[index], _fieldLength[index])
            : data.Slice(_fieldStart[index], _fieldLength[index]);

    private void EmitBatch()
    {
        var vectors = new ColumnVector[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
        {
            vectors[c] = _columns[c].Finish(_rowsInBatch);
            _columns[c].Reset();
        }
        _batches.Add(new Batch(vectors, _rowsInBatch));
        _rowsInBatch = 0;
    }

    private void AddError(long line, ReadOnlySpan<byte> rawRecord, int column, string rawField, int code, string reason)
    {
        var col = column < _columns.Length ? _columns[column].Column : null;
        string rawLine = Encoding.UTF8.GetString(rawRecord.Slice(0, Math.Min(rawRecord.Length, 1024))).TrimEnd('\r', '\n');
        _errors.Add(new LoadError(_settings.FileName, line, col?.Name ?? "", col?.Type.ToString() ?? "", column,
            rawLine, rawField.Length > 1024 ? rawField.Substring(0, 1024) : rawField, code, reason));
    }

    private void SplitTextRecord(ReadOnlySpan<byte> record, int recordOffset)
    {
        byte delimiter = _settings.Options.DelimiterByte;
        int maxFields = _fieldStart.Length;
        _fieldCount = 0;
        _tooManyFields = false;
        int start = 0;
        bool removeQuotes = _settings.Options.RemoveQuotes;
        byte quote = (byte)_settings.Options.Quote;
        while (true)
        {
            int length;
            bool quoted = false;
            int fieldStart = start;
            if (removeQuotes && start < record.Length && record[start] == quote)
            {
                int close = record.Slice(start + 1).IndexOf(quote);
                if (close >= 0)
                {
                    quoted = true;
                    fieldStart = start + 1;
                    length = close;
                    start = start + 1 + close + 1;
                    int next = record.Slice(start).IndexOf(delimiter);
                    int tail = next < 0 ? record.Length - start : next;
                    if (!AddField(recordOffset + fieldStart, length, quoted, inScratch: false)) return;
                    if (next < 0) return;
                    start += tail + 1;
                    continue;
                }
            }
            int delimiterAt = record.Slice(start).IndexOf(delimiter);
            length = delimiterAt < 0 ? record.Length - start : delimiterAt;
            if (!AddField(recordOffset + start, length, quoted, inScratch: false)) return;
            if (delimiterAt < 0) return;
            start += length + 1;
            if (_fieldCount == maxFields && start <= record.Length)
            {
                _tooManyFields = true;
                return;
            }
        }
    }

    private bool AddField(int start, int length, bool quoted, bool inScratch)
    {
        if (_fieldCount == _fieldStart.Length)
        {
            _tooManyFields = true;
            return false;
        }
        _fieldStart[_fieldCount] = start;
        _fieldLength[_fieldCount] = length;
        _fieldQuoted[_fieldCount] = quoted;
        _fieldInScratch[_fieldCount] = inScratch;
        _fieldCount++;
        return true;
    }

    /// <summary>
    /// Splits one CSV record starting at <paramref name="position"/> and moves past it (and its newline).
    /// Quoted fields may hold delimiters, newlines and doubled quotes. Returns a structural error or null.
    /// </summary>
    private string? SplitCsvRecord(ReadOnlySpan<byte> data, ref int position, ref long line)
    {
        byte delimiter = _settings.Options.DelimiterByte;
        byte quote = (byte)_settings.Options.Quote;
        _fieldCount = 0;
        _tooManyFields = false;
        _scratchUsed = 0;
        string? error = null;
        bool recordSkipped = line <= _settings.Options.IgnoreHeader;
        while (true)
        {
            if (position < data.Length && data[position] == quote)
            {
                int scratchStart = _scratchUsed;
                position++;
                bool closed = false;
                while (position < data.Length)
                {
                    int q = data.Slice(position).IndexOf(quote);
                    if (q < 0) break;
                    var segment = data.Slice(position, q);
                    line += segment.Count((byte)'\n');
                    AppendScratch(segment);
                    position += q + 1;
                    if (position < data.Length && data[position] == quote)
                    {
                        AppendScratch(data.Slice(position, 1));
                        position++;
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (!closed)
                {
                    line += data.Slice(Math.Min(position, data.Length)).Count((byte)'\n');
                    position = data.Length;
                    return "Unterminated quoted field";
                }
                if (!recordSkipped) AddField(scratchStart, _scratchUsed - scratchStart, quoted: true, inScratch: true);
                // After the closing quote: a delimiter, the end of the line, or the end of the data.
                while (position < data.Length && data[position] == ' ') position++;
                if (position < data.Length && data[position] == '\r' && position + 1 < data.Length && data[position + 1] == '\n') position++;
                if (position >= data.Length) return error;
                if (data[position] == '\n')
                {
                    position++;
                    line++;
                    return error;
                }
                if (data[position] == delimiter)
                {
                    position++;
                    continue;
                }
                error ??= "Unexpected character after a closing quote";
                int skip = data.Slice(position).IndexOf((byte)'\n');
                position = skip < 0 ? data.Length : position + skip + 1;
                line++;
                return error;
            }

            var rest = data.Slice(position);
            int stop = rest.IndexOfAny(delimiter, (byte)'\n');
            int length = stop < 0 ? rest.Length : stop;
            int fieldLength = length;
            bool atLineEnd = stop < 0 || rest[stop] == '\n';
            if (atLineEnd && fieldLength > 0 && rest[fieldLength - 1] == '\r') fieldLength--;
            if (!recordSkipped) AddField(position, fieldLength, quoted: false, inScratch: false);
            position += length;
            if (stop < 0) return error;
            position++;
            if (atLineEnd)
            {
                line++;
                return error;
            }
        }
    }

    private void AppendScratch(ReadOnlySpan<byte> bytes)
    {
        if (_scratchUsed + bytes.Length > _scratch.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + bytes.Length));
        bytes.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += bytes.Length;
    }
}
