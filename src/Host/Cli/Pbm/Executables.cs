namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>Finds the <c>aw</c> and <c>lighthouse</c> executables to start as child processes.</summary>
public static class Executables
{
    /// <summary>Override for the lighthouse: a path to lighthouse.dll or its apphost.</summary>
    public const string LighthouseVariable = "AW_LIGHTHOUSE";

    /// <summary>This <c>aw</c>: its apphost when it runs as one, else <c>dotnet aw.dll</c>.</summary>
    public static ProcessCommand Aw()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "aw.dll");
        return FromDll(dll);
    }

    /// <summary>
    /// The lighthouse: <c>AW_LIGHTHOUSE</c>, else lighthouse.dll beside aw, else the repository's build output
    /// (lighthouse/bin/&lt;configuration&gt;/net10.0, the newest one); null when none is built.
    /// </summary>
    public static ProcessCommand? Lighthouse()
    {
        var overridden = Environment.GetEnvironmentVariable(LighthouseVariable);
        if (!string.IsNullOrEmpty(overridden))
            return overridden.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? FromDll(overridden) : new ProcessCommand(overridden, []);
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "lighthouse.dll") };
        if (RepositoryPaths.FindRepositoryRoot() is { } root)
        {
            var bin = Path.Combine(root, "lighthouse", "bin");
            if (Directory.Exists(bin))
                candidates.AddRange(Directory.GetDirectories(bin)
                    .Select(c => Path.Combine(c, "net10.0", "lighthouse.dll"))
                    .Where(File.Exists)
                    .OrderByDescending(File.GetLastWriteTimeUtc));
        }
        var found = candidates.FirstOrDefault(File.Exists);
        return found is null ? null : FromDll(found);
    }

    private static ProcessCommand FromDll(string dll)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet))
        {
            var current = Environment.ProcessPath;
            dotnet = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
        return new ProcessCommand(dotnet, [dll]);
    }
}
