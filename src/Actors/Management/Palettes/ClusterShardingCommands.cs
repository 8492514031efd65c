using System.Globalization;
using System.Text.Json.Nodes;
using ActorWarehouse.Actors.Sharding;

namespace ActorWarehouse.Actors.Management.Palettes;

/// <summary>
/// The <c>cluster-sharding</c> palette: <c>regions</c> (entity types started on this node and where their regions
/// run), <c>region-stats -r TYPE</c> (this node's region: entities per shard) and <c>shard-stats -r TYPE</c> (every
/// region of the type: shards and entities per node). Queries go to this node's region, never to a proxy's
/// empty answer (upstream #3746): a proxy-only node says so.
/// </summary>
public sealed class ClusterShardingCommands() : CommandPaletteHandler(Definition)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    public static readonly CommandPalette Definition = new("cluster-sharding", "cluster sharding as this node sees it",
    [
        new CommandDefinitionBuilder().WithName("regions").WithDescription("entity types started on this node and the nodes hosting their regions").Build(),
        new CommandDefinitionBuilder().WithName("region-stats").WithDescription("this node's region of a type: entities per shard")
            .WithArgument(a => a.WithName("type").WithSwitch("-r").WithDescription("entity type name").IsMandatory(true)).Build(),
        new CommandDefinitionBuilder().WithName("shard-stats").WithDescription("every region of a type: shards and entities per node")
            .WithArgument(a => a.WithName("type").WithSwitch("-r").WithDescription("entity type name").IsMandatory(true)).Build(),
    ]);

    public override Props HandlerProps => Props.CreateBy(() => new Handler());

    private sealed class Handler : CommandHandlerActor
    {
        public Handler() : base(Definition)
        {
            Process("regions", command => Answer(Regions(command.Json)));
            Process("region-stats", command =>
            {
                if (Region(command) is { } region) Answer(RegionStats(region, command.Json));
            });
            Process("shard-stats", command =>
            {
                if (Region(command) is { } region) Answer(ShardStats(region, command.Json));
            });
        }

        /// <summary>Runs a query off the actor and streams its lines (the last one final) to the asking client.</summary>
        private void Answer(Task<List<string>> lines)
        {
            var replyTo = Sender;
            lines.ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully)
                {
                    replyTo.Tell(new ErroredCommandResponse($"sharding query failed: {t.Exception?.GetBaseException().Message ?? "cancelled"}"));
                    return;
                }
                var result = t.Result;
                for (int i = 0; i < result.Count - 1; i++) replyTo.Tell(new CommandResponse(result[i], false));
                replyTo.Tell(result.Count == 0 ? CommandResponse.Empty : new CommandResponse(result[^1]));
            }, TaskScheduler.Default);
        }

        private IActorRef? Region(Command command)
        {
            var type = command.Value("type") ?? "";
            var sharding = ClusterSharding.Get(Context.System);
            if (!sharding.ShardTypeNames.Contains(type))
            {
                Fail($"no shard region of type '{type}' on this node (started: {string.Join(", ", sharding.ShardTypeNames.Order(StringComparer.Ordinal))})");
                return null;
            }
            return sharding.ShardRegion(type);
        }

        private async Task<List<string>> Regions(bool json)
        {
            var sharding = ClusterSharding.Get(Context.System);
            var types = sharding.ShardTypeNames.Order(StringComparer.Ordinal).ToList();
            var lines = new List<string>();
            var array = new JsonArray();
            foreach (var type in types)
            {
                var regions = await sharding.ShardRegion(type).Ask<CurrentRegions>(GetCurrentRegions.Instance, QueryTimeout).ConfigureAwait(false);
                var addresses = regions.Regions.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList();
                lines.Add($"{type}: {addresses.Count} regions [{string.Join(", ", addresses)}]");
                array.Add(new JsonObject { ["type"] = type, ["regions"] = new JsonArray([.. addresses.Select(a => JsonValue.Create(a))]) });
            }
            if (json) return [new JsonObject { ["types"] = array }.ToJsonString()];
            lines.Add($"Count: {types.Count} entity types");
            return lines;
        }

        private static async Task<List<string>> RegionStats(IActorRef region, bool json)
        {
            var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, QueryTimeout).ConfigureAwait(false);
            var shards = stats.Stats.OrderBy(kv => kv.Key, ShardOrder.Instance).ToList();
            if (json)
            {
                var obj = new JsonObject();
                foreach (var (shard, count) in shards) obj[shard] = count;
                return [new JsonObject { ["shards"] = obj, ["failed"] = new JsonArray([.. stats.Failed.Select(f => JsonValue.Create(f))]) }.ToJsonString()];
            }
            var lines = shards.Select(kv => string.Create(CultureInfo.InvariantCulture, $"shard {kv.Key}: {kv.Value} entities")).ToList();
            if (stats.Failed.Count > 0) lines.Add($"no answer from shards: {string.Join(", ", stats.Failed)}");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Count: {shards.Count} shards, {shards.Sum(kv => kv.Value)} entities"));
            return lines;
        }

        private static async Task<List<string>> ShardStats(IActorRef region, bool json)
        {
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(QueryTimeout), QueryTimeout + QueryTimeout).ConfigureAwait(false);
            var regions = stats.Regions.OrderBy(kv => kv.Key).ToList();
            if (json)
            {
                var array = new JsonArray();
                foreach (var (address, s) in regions)
                {
                    var shards = new JsonObject();
                    foreach (var (shard, count) in s.Stats.OrderBy(kv => kv.Key, ShardOrder.Instance)) shards[shard] = count;
                    array.Add(new JsonObject { ["address"] = address.ToString(), ["shards"] = shards });
                }
                return [new JsonObject { ["regions"] = array }.ToJsonString()];
            }
            var lines = regions.Select(kv => string.Create(CultureInfo.InvariantCulture,
                $"{kv.Key}: {kv.Value.Stats.Count} shards, {kv.Value.Stats.Values.Sum()} entities [{string.Join(" ", kv.Value.Stats.OrderBy(s => s.Key, ShardOrder.Instance).Select(s => s.Key + ":" + s.Value.ToString(CultureInfo.InvariantCulture)))}]")).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Count: {regions.Count} regions, {regions.Sum(r => r.Value.Stats.Count)} shards, {regions.Sum(r => r.Value.Stats.Values.Sum())} entities"));
            return lines;
        }
    }

    /// <summary>Numeric shard ids in numeric order, others after them in ordinal order.</summary>
    private sealed class ShardOrder : IComparer<string>
    {
        public static readonly ShardOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            bool nx = long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
            bool ny = long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
            return nx && ny ? a.CompareTo(b) : nx ? -1 : ny ? 1 : string.CompareOrdinal(x, y);
        }
    }
}
