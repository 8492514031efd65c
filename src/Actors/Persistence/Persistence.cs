using System.Reflection;
using System.Text;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Persistence;

/// <summary>
/// The persistence extension of one actor system (Akka's <c>Persistence.Instance.Apply(system)</c>): resolves
/// journal and snapshot-store plugins by id (a config path whose section names the plugin <c>class</c>), starts
/// each plugin actor once under <c>/system</c>, and hands out recovery permits.
/// </summary>
public sealed class Persistence
{
    private static readonly Lazy<Config> Reference = new(LoadReference);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, IActorRef> _plugins = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> _recoveryEventTimeouts = new(StringComparer.Ordinal);
    private IActorRef? _recoveryPermitter;

    private Persistence(ActorSystem system)
    {
        System = system;
        Config = system.Settings.Config.WithFallback(Reference.Value);
        var section = Config.GetConfig("akka.persistence");
        DefaultJournalPluginId = section.GetString("journal.plugin", "");
        DefaultSnapshotPluginId = section.GetString("snapshot-store.plugin", "");
        MaxConcurrentRecoveries = section.GetInt("max-concurrent-recoveries");
        if (MaxConcurrentRecoveries < 1)
            throw new ConfigurationException("akka.persistence.max-concurrent-recoveries must be at least 1");
    }

    public static Persistence Get(ActorSystem system) => system.GetOrAddExtension(static s => new Persistence(s));

    /// <summary>The embedded reference configuration of this module.</summary>
    public static Config ReferenceConfig => Reference.Value;

    public ActorSystem System { get; }

    /// <summary>The system's configuration over this module's reference configuration.</summary>
    public Config Config { get; }

    public string DefaultJournalPluginId { get; }
    public string DefaultSnapshotPluginId { get; }
    public int MaxConcurrentRecoveries { get; }

    /// <summary>The journal actor of <paramref name="journalPluginId"/> (null or "" = the default plugin).</summary>
    public IActorRef JournalFor(string? journalPluginId) =>
        PluginFor(string.IsNullOrEmpty(journalPluginId) ? DefaultJournalPluginId : journalPluginId, "journal");

    /// <summary>The snapshot-store actor of <paramref name="snapshotPluginId"/> (null or "" = the default plugin).</summary>
    public IActorRef SnapshotStoreFor(string? snapshotPluginId) =>
        PluginFor(string.IsNullOrEmpty(snapshotPluginId) ? DefaultSnapshotPluginId : snapshotPluginId, "snapshot-store");

    /// <summary>The plugin's configuration section (with the plugin fallback underneath).</summary>
    public Config PluginConfig(string pluginId, string kind)
    {
        if (!Config.HasPath(pluginId))
            throw new ConfigurationException($"persistence {kind} plugin '{pluginId}' has no configuration section");
        var fallback = kind == "journal" ? "akka.persistence.journal-plugin-fallback" : "akka.persistence.snapshot-store-plugin-fallback";
        return Config.GetConfig(pluginId).WithFallback(Config.GetConfig(fallback));
    }

    /// <summary><c>recovery-event-timeout</c> of a journal plugin ("" = the default one), read once per plugin.</summary>
    public TimeSpan RecoveryEventTimeout(string? journalPluginId)
    {
        var id = string.IsNullOrEmpty(journalPluginId) ? DefaultJournalPluginId : journalPluginId;
        return _recoveryEventTimeouts.GetOrAdd(id, key => PluginConfig(key, "journal").GetTimeSpan("recovery-event-timeout", TimeSpan.FromSeconds(30)));
    }

    internal IActorRef RecoveryPermitter()
    {
        lock (_lock)
            return _recoveryPermitter ??= System.SystemActorOf(
                Props.CreateBy(() => new RecoveryPermitter(MaxConcurrentRecoveries)), "recoveryPermitter");
    }

    private IActorRef PluginFor(string pluginId, string kind)
    {
        if (string.IsNullOrEmpty(pluginId))
            throw new ConfigurationException($"no default persistence {kind} plugin is configured (akka.persistence.{kind}.plugin)");
        lock (_lock)
        {
            if (_plugins.TryGetValue(pluginId, out var existing)) return existing;
            var config = PluginConfig(pluginId, kind);
            var typeName = config.GetString("class", "");
            var type = Type.GetType(typeName)
                ?? throw new ConfigurationException($"persistence plugin '{pluginId}': class '{typeName}' not found");
            var expected = kind == "journal" ? typeof(Journal.AsyncWriteJournal) : typeof(Snapshot.SnapshotStore);
            if (!expected.IsAssignableFrom(type))
                throw new ConfigurationException($"persistence plugin '{pluginId}': {type} is not a {expected.Name}");
            var withConfig = type.GetConstructor([typeof(Config)]);
            var plain = type.GetConstructor(Type.EmptyTypes);
            if (withConfig is null && plain is null)
                throw new ConfigurationException($"persistence plugin '{pluginId}': {type} needs a constructor (Config) or ()");
            var props = Props.CreateBy(() => (ActorBase)(withConfig is not null ? withConfig.Invoke([config]) : plain!.Invoke([])));
            var actor = System.SystemActorOf(props, ActorNameFor(pluginId));
            _plugins[pluginId] = actor;
            return actor;
        }
    }

    private static string ActorNameFor(string pluginId)
    {
        var sb = new StringBuilder(pluginId.Length);
        foreach (var c in pluginId) sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        return sb.ToString();
    }

    private static Config LoadReference()
    {
        const string name = "ActorWarehouse.Actors.Persistence.persistence.conf";
        using var stream = typeof(Persistence).Assembly.GetManifestResourceStream(name)
            ?? throw new ConfigurationException($"embedded configuration '{name}' is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
