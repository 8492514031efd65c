namespace ActorWarehouse.Host.SqlLogic;

/// <summary>Expands command-line paths: files as given, folders to their *.test and *.slt files (sorted).</summary>
public static class SltFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".test", StringComparison.Ordinal) || f.EndsWith(".slt", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal));
            }
            else if (File.Exists(path)) files.Add(path);
            else throw new FileNotFoundException($"no such file or folder: {path}", path);
        }
        return files;
    }
}
