using System.Runtime.InteropServices;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Crash-safe file replacement: write a temp file in the same folder, fsync it, rename it over the target
/// (atomic on POSIX file systems), then fsync the folder so the rename itself is durable. A crash leaves
/// either the old file or the new one, plus at worst a stray temp file (named <c>*.tmp-*</c>).
/// </summary>
internal static class DurableFile
{
    public const string TempMarker = ".tmp-";

    /// <summary>Named points where tests inject a failure to simulate a crash.</summary>
    public static class FaultPoints
    {
        public const string TempWritten = "temp-written";
        public const string Renamed = "renamed";
    }

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, Action<string>? faultInjection = null)
    {
        string directory = Path.GetDirectoryName(path)!;
        string temp = path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            faultInjection?.Invoke(FaultPoints.TempWritten);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncDirectory(directory);
        faultInjection?.Invoke(FaultPoints.Renamed);
    }

    /// <summary>Removes temp files a crash left behind in <paramref name="directory"/>.</summary>
    public static void RemoveStrayTempFiles(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + TempMarker + "*")) TryDelete(file);
    }

    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows: MoveFileEx is durable enough here
        int fd = Native.open(directory, Native.O_RDONLY);
        if (fd < 0) return;
        try
        {
            Native.fsync(fd);
        }
        finally
        {
            Native.close(fd);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static class Native
    {
        public const int O_RDONLY = 0;

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
