using System.Buffers.Binary;
using System.Globalization;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Catalog journal in <c>&lt;data&gt;/catalog/</c>: each version's payload is one file <c>v&lt;version&gt;.cat</c>,
/// and the file <c>CURRENT</c> names the committed version. Both are replaced by temp file + fsync + atomic
/// rename (+ folder fsync), and the rename of <c>CURRENT</c> is the commit point: a crash before it leaves the
/// previous version current, a crash after it the new one. Version files above <c>CURRENT</c> (a commit that
/// crashed before its commit point) are removed when the journal is opened. Each file carries a CRC-32C;
/// a damaged file raises XX001 rather than returning a wrong catalog. One writer process at a time.
/// </summary>
public sealed class FileCatalogJournal : ICatalogJournal
{
    private const uint VersionMagic = 0x4A435741; // "AWCJ"
    private const uint CurrentMagic = 0x43435741; // "AWCC"
    private const int VersionHeaderSize = 20;
    private const string CurrentFileName = "CURRENT";

    private readonly object _gate = new();
    private readonly string _directory;
    private long _current;

    public FileCatalogJournal(string dataDirectory)
    {
        _directory = Path.Combine(dataDirectory, "catalog");
        System.IO.Directory.CreateDirectory(_directory);
        DurableFile.RemoveStrayTempFiles(_directory);
        _current = ReadCurrentPointer();
        foreach (long version in ListVersionFiles())
            if (version > _current) File.Delete(VersionPath(version));
    }

    /// <summary>Test hook: called with "version:"/"current:" plus a <see cref="DurableFile.FaultPoints"/> name; throwing simulates a crash there.</summary>
    internal Action<string>? FaultInjection { get; set; }

    public string FolderPath => _directory;

    public long CurrentVersion
    {
        get { lock (_gate) return _current; }
    }

    public CatalogRecord? ReadCurrent()
    {
        long current = CurrentVersion;
        return current == 0 ? null : new CatalogRecord(current, ReadVersion(current) ?? throw Corrupt($"version file of committed version {current} is missing"));
    }

    public byte[]? ReadVersion(long version)
    {
        string path = VersionPath(version);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (bytes.Length < VersionHeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != VersionMagic)
            throw Corrupt($"{Path.GetFileName(path)} is not a catalog version file");
        long stored = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4));
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16));
        if (stored != version || length != bytes.Length - VersionHeaderSize || Crc32C.Compute(bytes.AsSpan(VersionHeaderSize)) != crc)
            throw Corrupt($"{Path.GetFileName(path)} is damaged (version, length or checksum mismatch)");
        return bytes.AsSpan(VersionHeaderSize).ToArray();
    }

    public long Commit(long expectedCurrentVersion, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            if (expectedCurrentVersion != _current) throw CatalogConflict.Exception(expectedCurrentVersion, _current);
            long next = _current + 1;
            var file = new byte[VersionHeaderSize + payload.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(file, VersionMagic);
            BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(4), next);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), Crc32C.Compute(payload));
            payload.CopyTo(file.AsSpan(VersionHeaderSize));
            try
            {
                var fault = FaultInjection;
                DurableFile.WriteAtomically(VersionPath(next), file, fault is null ? null : p => fault("version:" + p));
                var pointer = new byte[16];
                BinaryPrimitives.WriteUInt32LittleEndian(pointer, CurrentMagic);
                BinaryPrimitives.WriteInt64LittleEndian(pointer.AsSpan(4), next);
                BinaryPrimitives.WriteUInt32LittleEndian(pointer.AsSpan(12), Crc32C.Compute(pointer.AsSpan(0, 12)));
                DurableFile.WriteAtomically(Path.Combine(_directory, CurrentFileName), pointer, fault is null ? null : p => fault("current:" + p));
            }
            catch (IOException e)
            {
                throw new SqlException(SqlState.IoError, $"could not commit catalog version {next}: {e.Message}", inner: e);
            }
            _current = next;
            return next;
        }
    }

    public IReadOnlyList<long> Versions()
    {
        long current = CurrentVersion;
        return ListVersionFiles().Where(v => v <= current).OrderBy(v => v).ToList();
    }

    public void Prune(long oldestToKeep)
    {
        lock (_gate)
            foreach (long version in ListVersionFiles())
                if (version < oldestToKeep && version != _current) File.Delete(VersionPath(version));
    }

    public void Dispose()
    {
    }

    private long ReadCurrentPointer()
    {
        string path = Path.Combine(_directory, CurrentFileName);
        if (!File.Exists(path)) return 0;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != 16 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != CurrentMagic
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)) != Crc32C.Compute(bytes.AsSpan(0, 12)))
            throw Corrupt("the CURRENT pointer file is damaged");
        return BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4));
    }

    private IEnumerable<long> ListVersionFiles()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(_directory, "v*.cat"))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (long.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long version)) yield return version;
        }
    }

    private string VersionPath(long version) => Path.Combine(_directory, $"v{version:D20}.cat");

    private SqlException Corrupt(string what) => new(SqlState.DataCorrupted, $"catalog journal at {_directory}: {what}");
}
