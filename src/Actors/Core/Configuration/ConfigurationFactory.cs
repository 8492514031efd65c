using System.Reflection;
using System.Text;

namespace ActorWarehouse.Actors.Configuration;

/// <summary>Builds <see cref="Config"/> objects from HOCON text and the embedded reference files.</summary>
public static class ConfigurationFactory
{
    private static readonly Lazy<Config> Reference = new(LoadReference);

    /// <summary>Parses HOCON text and resolves its substitutions (against itself, then environment variables).</summary>
    public static Config ParseString(string hocon)
    {
        var root = HoconParser.Parse(hocon);
        SubstitutionResolver.Resolve(root);
        return new Config(root);
    }

    /// <summary>The merged reference configuration of every module (core, remote, cluster), parsed once.</summary>
    public static Config Default() => Reference.Value;

    private static Config LoadReference()
    {
        var assembly = typeof(ConfigurationFactory).Assembly;
        var config = Config.Empty;
        // Later modules fall back to earlier ones; their keys never overlap.
        foreach (var name in new[] { "ActorWarehouse.Actors.reference.conf", "ActorWarehouse.Actors.Remote.remote.conf", "ActorWarehouse.Actors.Cluster.cluster.conf" })
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new ConfigurationException($"embedded configuration '{name}' is missing");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            config = config.WithFallback(ParseString(reader.ReadToEnd()));
        }
        return config;
    }
}

internal static class SubstitutionResolver
{
    public static void Resolve(HoconObject root)
    {
        ResolveIn(root, root, 0);
    }

    private static void ResolveIn(HoconObject root, HoconObject obj, int depth)
    {
        foreach (var key in obj.Order.ToList())
        {
            var resolved = ResolveValue(root, obj.Fields[key], depth);
            if (resolved is null) { obj.Fields.Remove(key); obj.Order.Remove(key); }
            else obj.Fields[key] = resolved;
        }
    }

    private static HoconValue? ResolveValue(HoconObject root, HoconValue value, int depth)
    {
        if (depth > 32) throw new ConfigurationException("HOCON: substitution cycle");
        switch (value)
        {
            case HoconObject o:
                ResolveIn(root, o, depth);
                return o;
            case HoconArray a:
                for (int i = 0; i < a.Items.Count; i++)
                    a.Items[i] = ResolveValue(root, a.Items[i], depth) ?? new HoconScalar("", isNull: true);
                return a;
            case HoconSubstitution s:
                return Lookup(root, s, depth);
            case HoconConcatenation c:
                var sb = new StringBuilder();
                foreach (var piece in c.Pieces)
                {
                    var r = ResolveValue(root, piece, depth);
                    if (r is HoconScalar sc) sb.Append(sc.Text);
                    else if (r is not null) throw new ConfigurationException("HOCON: cannot concatenate an object or array into a string");
                }
                return new HoconScalar(sb.ToString());
            default:
                return value;
        }
    }

    private static HoconValue? Lookup(HoconObject root, HoconSubstitution s, int depth)
    {
        HoconValue? current = root;
        foreach (var part in Config.SplitPath(s.Path))
        {
            if (current is HoconObject o && o.Fields.TryGetValue(part, out var next)) current = next;
            else { current = null; break; }
        }
        if (current is not null) return ResolveValue(root, current, depth + 1);
        var env = Environment.GetEnvironmentVariable(s.Path);
        if (env is not null) return new HoconScalar(env);
        if (s.Optional) return null;
        throw new ConfigurationException($"HOCON: unresolved substitution ${{{s.Path}}}");
    }
}
