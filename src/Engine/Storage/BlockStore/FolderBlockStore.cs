using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Block store in a folder shared by the processes of one machine: <c>&lt;data&gt;/blocks/ab/cdef…</c> where
/// <c>abcdef…</c> is the block id. Writes are temp file + fsync + atomic rename, so a reader never sees a
/// partial block; a put of an existing id does nothing. Recently read blocks stay in a small LRU cache.
/// </summary>
public sealed class FolderBlockStore : IBlockStore
{
    private readonly string _root;
    private readonly BlockCache _cache;

    public FolderBlockStore(string dataDirectory, long cacheBytes = 256L << 20)
    {
        _root = Path.Combine(dataDirectory, "blocks");
        Directory.CreateDirectory(_root);
        _cache = new BlockCache(cacheBytes);
    }

    public string Root => _root;

    public BlockId Put(ReadOnlySpan<byte> content)
    {
        var id = BlockId.Of(content);
        string path = PathOf(id);
        if (File.Exists(path)) return id;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            DurableFile.WriteAtomically(path, content);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw new SqlException(SqlState.DiskFull, $"could not write block {id}: disk full", inner: e);
        }
        catch (IOException e)
        {
            throw new SqlException(SqlState.IoError, $"could not write block {id}: {e.Message}", inner: e);
        }
        return id;
    }

    public byte[] Get(BlockId id)
    {
        if (_cache.TryGet(id, out var cached)) return cached;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathOf(id));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SqlException(SqlState.DataCorrupted, $"block {id} is missing from the block store at {_root}", inner: e);
        }
        catch (IOException e)
        {
            throw new SqlException(SqlState.IoError, $"could not read block {id}: {e.Message}", inner: e);
        }
        _cache.Add(id, bytes);
        return bytes;
    }

    public bool Contains(BlockId id) => File.Exists(PathOf(id));

    public IReadOnlyList<BlockId> List()
    {
        var ids = new List<BlockId>();
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            string prefix = Path.GetFileName(dir);
            if (prefix.Length != 2) continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                string name = Path.GetFileName(file);
                if (name.Length == 62 && !name.Contains(DurableFile.TempMarker, StringComparison.Ordinal))
                {
                    try
                    {
                        ids.Add(new BlockId(prefix + name));
                    }
                    catch (ArgumentException)
                    {
                        // not a block file
                    }
                }
            }
        }
        return ids;
    }

    public void Delete(BlockId id)
    {
        _cache.Remove(id);
        File.Delete(PathOf(id));
    }

    /// <summary>Clears the read cache (tests use it to force reads from disk).</summary>
    public void ClearCache() => _cache.Clear();

    /// <summary>Removes temp files left by interrupted writes.</summary>
    public void RemoveStrayTempFiles()
    {
        foreach (var dir in Directory.EnumerateDirectories(_root)) DurableFile.RemoveStrayTempFiles(dir);
    }

    internal string PathOf(BlockId id) => Path.Combine(_root, id.Hex.Substring(0, 2), id.Hex.Substring(2));

    private static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) == 28; // ENOSPC
}
