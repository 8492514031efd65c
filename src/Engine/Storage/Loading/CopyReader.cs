using System.IO.Compression;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage.Loading;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// COPY's file reader: reads a local file (plain, or gzip — recognised by its magic bytes) in the Redshift text
/// or CSV format and yields batches of the target columns. Chunks of the file are parsed in parallel and
/// delivered in file order. Rejected rows are collected in <see cref="Errors"/> (like STL_LOAD_ERRORS) and
/// skipped; once more than MAXERROR rows were rejected, enumeration throws <see cref="CopyLoadException"/>
/// (SQLSTATE 22P04) — the caller must then discard what it wrote.
/// </summary>
public sealed class CopyReader
{
    private readonly string _path;
    private readonly Stream? _stream;
    private readonly string _tableName;
    private readonly CopyReaderSettings _settings;
    private readonly List<LoadError> _errors = new();

    public CopyReader(string path, string tableName, IReadOnlyList<CopyColumn> columns, CopyOptions options)
        : this(path, tableName, columns, options, ValueParserAdapter.Instance)
    {
    }

    internal CopyReader(string path, string tableName, IReadOnlyList<CopyColumn> columns, CopyOptions options, ICopyValueParser parser)
    {
        _path = path;
        _tableName = tableName;
        _settings = new CopyReaderSettings(path, columns, options, parser);
    }

    /// <summary>
    /// Reads from an open stream instead of a file (COPY FROM STDIN over the wire protocol); gzip is still
    /// recognised by its magic bytes when the stream can seek, or decompressed when <see cref="CopyOptions.Gzip"/> is set.
    /// <paramref name="sourceName"/> names the input in load errors. The stream is not disposed.
    /// </summary>
    public static CopyReader FromStream(Stream input, string sourceName, string tableName, IReadOnlyList<CopyColumn> columns, CopyOptions options) =>
        new(input, sourceName, tableName, columns, options);

    private CopyReader(Stream input, string sourceName, string tableName, IReadOnlyList<CopyColumn> columns, CopyOptions options)
        : this(sourceName, tableName, columns, options, ValueParserAdapter.Instance)
    {
        _stream = input;
    }

    /// <summary>Rows rejected so far, in line order.</summary>
    public IReadOnlyList<LoadError> Errors => _errors;

    /// <summary>Rows delivered so far.</summary>
    public long RowsLoaded { get; private set; }

    /// <summary>Parallel chunk parsers in flight (at least 1).</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public IEnumerable<Batch> ReadBatches(CancellationToken cancellationToken = default)
    {
        using var input = Open();
        var chunker = new CopyChunker(input, _settings.Options.Csv, (byte)_settings.Options.Quote);
        var pending = new Queue<Task<ChunkResult>>();
        foreach (var chunk in chunker.Chunks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            pending.Enqueue(Task.Run(() => new ChunkParser(_settings).Parse(chunk), cancellationToken));
            while (pending.Count > Parallelism)
                foreach (var batch in Deliver(pending.Dequeue())) yield return batch;
        }
        while (pending.Count > 0)
            foreach (var batch in Deliver(pending.Dequeue())) yield return batch;
    }

    /// <summary>Reads everything into a list (convenience for small files and tests).</summary>
    public List<Batch> ReadAll(CancellationToken cancellationToken = default) => ReadBatches(cancellationToken).ToList();

    private IEnumerable<Batch> Deliver(Task<ChunkResult> task)
    {
        var result = task.GetAwaiter().GetResult();
        foreach (var error in result.Errors)
        {
            _errors.Add(error);
            if (_errors.Count > _settings.Options.MaxError) throw new CopyLoadException(_tableName, _errors.ToList());
        }
        foreach (var batch in result.Batches)
        {
            RowsLoaded += batch.RowCount;
            yield return batch;
        }
    }

    private Stream Open()
    {
        if (_stream is not null) return OpenStream(_stream);
        FileStream file;
        try
        {
            file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SqlException(SqlState.UndefinedObject, $"COPY source file \"{_path}\" does not exist", inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SqlException(SqlState.IoError, $"could not open COPY source file \"{_path}\": {e.Message}", inner: e);
        }
        Span<byte> magic = stackalloc byte[2];
        int read = file.Read(magic);
        file.Position = 0;
        bool gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        if (_settings.Options.Gzip && !gzip)
        {
            file.Dispose();
            throw new SqlException(SqlState.BadCopyFileFormat, $"COPY GZIP: \"{_path}\" is not a gzip file");
        }
        return gzip ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16) : file;
    }

    private Stream OpenStream(Stream input)
    {
        bool gzip = _settings.Options.Gzip;
        if (!gzip && input.CanSeek)
        {
            long start = input.Position;
            Span<byte> magic = stackalloc byte[2];
            int read = input.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            input.Position = start;
            gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        }
        var leaveOpen = new NonClosingStream(input);
        return gzip ? new BufferedStream(new GZipStream(leaveOpen, CompressionMode.Decompress), 1 << 16) : leaveOpen;
    }
}
