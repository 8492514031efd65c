using System.Collections.Immutable;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorProtocol;
using static ActorWarehouse.Actors.Sharding.Internal.ShardProtocol;

namespace ActorWarehouse.Actors.Sharding;

public sealed partial class ShardRegion
{
    /// <summary>Asks every local shard for its entities; shards that do not answer in time are listed as failed.</summary>
    private async Task<(List<ShardStats> Answered, List<string> Failed)> CollectShardStats()
    {
        var shards = _shards.Where(kv => !_handingOff.Contains(kv.Value)).ToList();
        var asks = shards.Select(kv => kv.Value.Ask<ShardStats>(GetShardStats.Instance, QueryTimeout)).ToList();
        var answered = new List<ShardStats>();
        var failed = new List<string>();
        for (int i = 0; i < asks.Count; i++)
        {
            try { answered.Add(await asks[i].ConfigureAwait(false)); }
            catch (Exception) { failed.Add(shards[i].Key); }
        }
        return (answered, failed);
    }

    private void ReplyRegionState(IActorRef replyTo)
    {
        CollectShardStats().ContinueWith(t => (object)new CurrentShardRegionState(
                t.Result.Answered.Select(s => new ShardState(s.ShardId, s.EntityIds)).ToImmutableHashSet(),
                t.Result.Failed.ToImmutableHashSet()), TaskScheduler.Default)
            .PipeTo(replyTo);
    }

    private void ReplyRegionStats(IActorRef replyTo)
    {
        CollectShardStats().ContinueWith(t => (object)new ShardRegionStats(
                t.Result.Answered.ToImmutableDictionary(s => s.ShardId, s => s.EntityIds.Count),
                t.Result.Failed.ToImmutableHashSet()), TaskScheduler.Default)
            .PipeTo(replyTo);
    }

    private void OnGetCurrentRegions(IActorRef replyTo)
    {
        if (_coordinator is null) replyTo.Tell(new CurrentRegions(ImmutableHashSet<Address>.Empty));
        else _coordinator.Tell(GetCurrentRegions.Instance, replyTo);
    }

    private void ReplyClusterStats(IActorRef replyTo, TimeSpan timeout)
    {
        var coordinator = _coordinator;
        var self = _cluster.SelfAddress;
        if (coordinator is null)
        {
            replyTo.Tell(new ClusterShardingStats(ImmutableDictionary<Address, ShardRegionStats>.Empty));
            return;
        }
        Collect().PipeTo(replyTo);

        async Task<object> Collect()
        {
            var regions = await coordinator.Ask<Regions>(GetRegions.Instance, timeout).ConfigureAwait(false);
            var asks = regions.Refs.Select(r => (Region: r, Stats: r.Ask<ShardRegionStats>(GetShardRegionStats.Instance, timeout))).ToList();
            var result = ImmutableDictionary.CreateBuilder<Address, ShardRegionStats>();
            foreach (var (region, ask) in asks)
            {
                var address = region.Path.Address.HasGlobalScope ? region.Path.Address : self;
                try { result[address] = await ask.ConfigureAwait(false); }
                catch (Exception)
                {
                    result[address] = new ShardRegionStats(ImmutableDictionary<string, int>.Empty, ImmutableHashSet.Create("(no answer)"));
                }
            }
            return new ClusterShardingStats(result.ToImmutable());
        }
    }
}
