using System.Collections.Immutable;
using System.Runtime.Serialization;
using ActorWarehouse.Actors.Serialization;
using ActorWarehouse.Actors.Serialization.MessagePack;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorEvents;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorProtocol;
using static ActorWarehouse.Actors.Sharding.Internal.ShardProtocol;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>
/// INTERNAL API: MessagePack formatters (serializer 31, short manifests prefixed "sh") for every sharding message
/// that crosses the wire or goes into the journal: the region ↔ coordinator protocol, the coordinator's events and
/// snapshot, remember-entities events, <see cref="ShardingEnvelope"/> (its payload with its own serializer) and the
/// queries. Actor refs travel as their full paths.
/// </summary>
internal static class ShardingSerializers
{
    private delegate void Writer<in T>(ref MessagePackWriter w, T value, ActorSystem system);
    private delegate T Reader<out T>(ref MessagePackReader r, ActorSystem system);

    private sealed class Formatter<T>(Writer<T> write, Reader<T> read) : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, ActorSystem system) => write(ref writer, value, system);
        public T Deserialize(ref MessagePackReader reader, ActorSystem system) => read(ref reader, system);
    }

    private static readonly Lock RegisterLock = new();

    public static void Register(MessagePackSerializer s)
    {
        lock (RegisterLock)
        {
            if (s.CanSerialize(typeof(ShardingEnvelope))) return;
            Ref(s, "shR", r => new Register(r), m => m.ShardRegion);
            Ref(s, "shRP", r => new RegisterProxy(r), m => m.ShardRegionProxy);
            Ref(s, "shRA", r => new RegisterAck(r), m => m.Coordinator);
            Str(s, "shGH", x => new GetShardHome(x), m => m.Shard);
            s.Register("shH", new Formatter<ShardHome>(
                (ref MessagePackWriter w, ShardHome m, ActorSystem sys) => { w.WriteArrayHeader(2); w.Write(m.Shard); WriteRef(ref w, m.Ref, sys); },
                (ref MessagePackReader r, ActorSystem sys) => { Header(ref r, 2); var shard = ReadString(ref r); return new ShardHome(shard, ReadRef(ref r, sys)); }));
            Str(s, "shHS", x => new HostShard(x), m => m.Shard);
            Str(s, "shSS", x => new ShardStarted(x), m => m.Shard);
            Str(s, "shBH", x => new BeginHandOff(x), m => m.Shard);
            Str(s, "shBHA", x => new BeginHandOffAck(x), m => m.Shard);
            Str(s, "shHO", x => new HandOff(x), m => m.Shard);
            Str(s, "shSSt", x => new ShardStopped(x), m => m.Shard);
            Ref(s, "shGSR", r => new GracefulShutdownRequest(r), m => m.ShardRegion);
            Singleton(s, "shGR", GetRegions.Instance);
            s.Register("shRs", new Formatter<Regions>(
                (ref MessagePackWriter w, Regions m, ActorSystem sys) => WriteRefs(ref w, m.Refs, sys),
                (ref MessagePackReader r, ActorSystem sys) => new Regions(ReadRefs(ref r, sys))));

            Ref(s, "shE1", r => new ShardRegionRegistered(r), m => m.Region);
            Ref(s, "shE2", r => new ShardRegionProxyRegistered(r), m => m.RegionProxy);
            Ref(s, "shE3", r => new ShardRegionTerminated(r), m => m.Region);
            Ref(s, "shE4", r => new ShardRegionProxyTerminated(r), m => m.RegionProxy);
            s.Register("shE5", new Formatter<ShardHomeAllocated>(
                (ref MessagePackWriter w, ShardHomeAllocated m, ActorSystem sys) => { w.WriteArrayHeader(2); w.Write(m.Shard); WriteRef(ref w, m.Region, sys); },
                (ref MessagePackReader r, ActorSystem sys) => { Header(ref r, 2); var shard = ReadString(ref r); return new ShardHomeAllocated(shard, ReadRef(ref r, sys)); }));
            Str(s, "shE6", x => new ShardHomeDeallocated(x), m => m.Shard);
            s.Register("shCS", new Formatter<CoordinatorState.Snapshot>(WriteSnapshot, ReadSnapshot));

            Strings(s, "shES", x => new EntitiesStarted(x), m => m.Entities);
            Strings(s, "shEX", x => new EntitiesStopped(x), m => m.Entities);

            s.Register("shEnv", new Formatter<ShardingEnvelope>(
                (ref MessagePackWriter w, ShardingEnvelope m, ActorSystem sys) => { w.WriteArrayHeader(2); w.Write(m.EntityId); WritePayload(ref w, m.Message, sys); },
                (ref MessagePackReader r, ActorSystem sys) => { Header(ref r, 2); var id = ReadString(ref r); return new ShardingEnvelope(id, ReadPayload(ref r, sys)); }));
            Str(s, "shStE", x => new ShardRegion.StartEntity(x), m => m.EntityId);
            s.Register("shStEA", new Formatter<ShardRegion.StartEntityAck>(
                (ref MessagePackWriter w, ShardRegion.StartEntityAck m, ActorSystem sys) => { w.WriteArrayHeader(2); w.Write(m.EntityId); w.Write(m.ShardId); },
                (ref MessagePackReader r, ActorSystem sys) => { Header(ref r, 2); var id = ReadString(ref r); return new ShardRegion.StartEntityAck(id, ReadString(ref r)); }));

            Singleton(s, "shQRS", GetShardRegionState.Instance);
            Singleton(s, "shQRt", GetShardRegionStats.Instance);
            Singleton(s, "shQCR", GetCurrentRegions.Instance);
            s.Register("shQCS", new Formatter<GetClusterShardingStats>(
                (ref MessagePackWriter w, GetClusterShardingStats m, ActorSystem sys) => w.Write((long)m.Timeout.TotalMilliseconds),
                (ref MessagePackReader r, ActorSystem sys) => new GetClusterShardingStats(TimeSpan.FromMilliseconds(r.ReadInt64()))));
            s.Register("shACR", new Formatter<CurrentRegions>(
                (ref MessagePackWriter w, CurrentRegions m, ActorSystem sys) =>
                {
                    w.WriteArrayHeader(m.Regions.Count);
                    foreach (var a in m.Regions) w.Write(a.ToString());
                },
                (ref MessagePackReader r, ActorSystem sys) =>
                {
                    int n = r.ReadArrayHeader();
                    var b = ImmutableHashSet.CreateBuilder<Address>();
                    for (int i = 0; i < n; i++) b.Add(Address.Parse(ReadString(ref r)));
                    return new CurrentRegions(b.ToImmutable());
                }));
            s.Register("shARt", new Formatter<ShardRegionStats>(WriteRegionStats, ReadRegionStats));
            s.Register("shACS", new Formatter<ClusterShardingStats>(
                (ref MessagePackWriter w, ClusterShardingStats m, ActorSystem sys) =>
                {
                    w.WriteMapHeader(m.Regions.Count);
                    foreach (var (a, st) in m.Regions) { w.Write(a.ToString()); WriteRegionStats(ref w, st, sys); }
                },
                (ref MessagePackReader r, ActorSystem sys) =>
                {
                    int n = r.ReadMapHeader();
                    var b = ImmutableDictionary.CreateBuilder<Address, ShardRegionStats>();
                    for (int i = 0; i < n; i++) { var a = Address.Parse(ReadString(ref r)); b[a] = ReadRegionStats(ref r, sys); }
                    return new ClusterShardingStats(b.ToImmutable());
                }));
            s.Register("shARS", new Formatter<CurrentShardRegionState>(
                (ref MessagePackWriter w, CurrentShardRegionState m, ActorSystem sys) =>
                {
                    w.WriteArrayHeader(2);
                    w.WriteMapHeader(m.Shards.Count);
                    foreach (var st in m.Shards) { w.Write(st.ShardId); WriteStrings(ref w, st.EntityIds); }
                    WriteStrings(ref w, m.Failed);
                },
                (ref MessagePackReader r, ActorSystem sys) =>
                {
                    Header(ref r, 2);
                    int n = r.ReadMapHeader();
                    var b = ImmutableHashSet.CreateBuilder<ShardState>();
                    for (int i = 0; i < n; i++) { var id = ReadString(ref r); b.Add(new ShardState(id, ReadStrings(ref r))); }
                    return new CurrentShardRegionState(b.ToImmutable(), ReadStrings(ref r));
                }));
        }
    }

    // ------------------------------------------------------------------ shapes

    private static void Ref<T>(MessagePackSerializer s, string manifest, Func<IActorRef, T> create, Func<T, IActorRef> get) where T : notnull =>
        s.Register(manifest, new Formatter<T>(
            (ref MessagePackWriter w, T m, ActorSystem sys) => WriteRef(ref w, get(m), sys),
            (ref MessagePackReader r, ActorSystem sys) => create(ReadRef(ref r, sys))));

    private static void Str<T>(MessagePackSerializer s, string manifest, Func<string, T> create, Func<T, string> get) where T : notnull =>
        s.Register(manifest, new Formatter<T>(
            (ref MessagePackWriter w, T m, ActorSystem sys) => w.Write(get(m)),
            (ref MessagePackReader r, ActorSystem sys) => create(ReadString(ref r))));

    private static void Strings<T>(MessagePackSerializer s, string manifest, Func<IImmutableSet<string>, T> create, Func<T, IImmutableSet<string>> get) where T : notnull =>
        s.Register(manifest, new Formatter<T>(
            (ref MessagePackWriter w, T m, ActorSystem sys) => WriteStrings(ref w, get(m)),
            (ref MessagePackReader r, ActorSystem sys) => create(ReadStrings(ref r))));

    private static void Singleton<T>(MessagePackSerializer s, string manifest, T instance) where T : class =>
        s.Register(manifest, new Formatter<T>(
            (ref MessagePackWriter w, T m, ActorSystem sys) => w.WriteNil(),
            (ref MessagePackReader r, ActorSystem sys) => { r.Skip(); return instance; }));

    private static void Header(ref MessagePackReader r, int expected)
    {
        int n = r.ReadArrayHeader();
        if (n != expected) throw new SerializationException($"sharding message: expected {expected} fields, got {n}");
    }

    private static string ReadString(ref MessagePackReader r) =>
        r.ReadString() ?? throw new SerializationException("sharding message: unexpected nil string");

    private static void WriteRef(ref MessagePackWriter w, IActorRef actor, ActorSystem system) => MessagePackDynamic.Write(ref w, actor, system);

    private static IActorRef ReadRef(ref MessagePackReader r, ActorSystem system) =>
        MessagePackDynamic.Read(ref r, system) as IActorRef ?? throw new SerializationException("sharding message: expected an actor ref");

    private static void WriteRefs(ref MessagePackWriter w, IReadOnlyCollection<IActorRef> refs, ActorSystem system)
    {
        w.WriteArrayHeader(refs.Count);
        foreach (var a in refs) WriteRef(ref w, a, system);
    }

    private static ImmutableList<IActorRef> ReadRefs(ref MessagePackReader r, ActorSystem system)
    {
        int n = r.ReadArrayHeader();
        var b = ImmutableList.CreateBuilder<IActorRef>();
        for (int i = 0; i < n; i++) b.Add(ReadRef(ref r, system));
        return b.ToImmutable();
    }

    private static void WriteStrings(ref MessagePackWriter w, IReadOnlyCollection<string> values)
    {
        w.WriteArrayHeader(values.Count);
        foreach (var v in values) w.Write(v);
    }

    private static ImmutableHashSet<string> ReadStrings(ref MessagePackReader r)
    {
        int n = r.ReadArrayHeader();
        var b = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) b.Add(ReadString(ref r));
        return b.ToImmutable();
    }

    private static void WriteRegionStats(ref MessagePackWriter w, ShardRegionStats m, ActorSystem system)
    {
        w.WriteArrayHeader(2);
        w.WriteMapHeader(m.Stats.Count);
        foreach (var (shard, count) in m.Stats) { w.Write(shard); w.Write(count); }
        WriteStrings(ref w, m.Failed);
    }

    private static ShardRegionStats ReadRegionStats(ref MessagePackReader r, ActorSystem system)
    {
        Header(ref r, 2);
        int n = r.ReadMapHeader();
        var b = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) { var shard = ReadString(ref r); b[shard] = r.ReadInt32(); }
        return new ShardRegionStats(b.ToImmutable(), ReadStrings(ref r));
    }

    private static void WriteSnapshot(ref MessagePackWriter w, CoordinatorState.Snapshot m, ActorSystem system)
    {
        w.WriteArrayHeader(4);
        w.WriteArrayHeader(m.Shards.Count);
        foreach (var (shard, region) in m.Shards) { w.Write(shard); WriteRef(ref w, region, system); }
        WriteRefs(ref w, m.Regions, system);
        WriteRefs(ref w, m.Proxies, system);
        WriteStrings(ref w, m.Unallocated);
    }

    private static CoordinatorState.Snapshot ReadSnapshot(ref MessagePackReader r, ActorSystem system)
    {
        Header(ref r, 4);
        int n = r.ReadArrayHeader();
        var shards = ImmutableList.CreateBuilder<KeyValuePair<string, IActorRef>>();
        for (int i = 0; i < n; i++) { var shard = ReadString(ref r); shards.Add(new(shard, ReadRef(ref r, system))); }
        var regions = ReadRefs(ref r, system);
        var proxies = ReadRefs(ref r, system);
        return new CoordinatorState.Snapshot(shards.ToImmutable(), regions, proxies, ReadStrings(ref r).ToImmutableList());
    }

    /// <summary>A user message inside a sharding message: its serializer id, manifest and bytes.</summary>
    private static void WritePayload(ref MessagePackWriter w, object payload, ActorSystem system)
    {
        var serializer = system.Serialization.FindSerializerFor(payload);
        w.WriteArrayHeader(3);
        w.Write(serializer.Identifier);
        w.Write(serializer.ManifestFor(payload));
        w.Write(serializer.ToBinary(payload));
    }

    private static object ReadPayload(ref MessagePackReader r, ActorSystem system)
    {
        Header(ref r, 3);
        int id = r.ReadInt32();
        var manifest = r.ReadString() ?? "";
        return system.Serialization.Deserialize(r.ReadBytesSpan(), id, manifest);
    }
}
