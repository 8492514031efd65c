using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.Serialization;
using ActorWarehouse.Actors.Serialization;
using ActorWarehouse.Actors.Serialization.MessagePack;
using static ActorWarehouse.Actors.Cluster.Internal.InternalClusterAction;

namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// INTERNAL API. Id 5 (as upstream's cluster message serializer): the daemons' messages in MessagePack with
/// short manifests. Gossip writes each node address once in a table and refers to it by index. Counts what it
/// writes into <see cref="ClusterStatistics"/>. Unknown manifests and malformed bytes throw
/// <see cref="SerializationException"/>; the transport logs and drops such messages.
/// </summary>
internal sealed class ClusterMessageSerializer(ActorSystem system, ClusterStatistics statistics) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 5;

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        GossipEnvelope => "GE",
        GossipStatus => "GS",
        ClusterHeartbeat => "HB",
        ClusterHeartbeatRsp => "HBR",
        InitJoin => "IJ",
        InitJoinAck => "IJA",
        InitJoinNack => "IJN",
        Join => "J",
        Welcome => "W",
        ExitingConfirmed => "EC",
        SingletonMessages.HandOverToMe => "SHTM",
        SingletonMessages.HandOverInProgress => "SHIP",
        SingletonMessages.HandOverDone => "SHD",
        SingletonMessages.TakeOverFromMe => "STFM",
        _ => throw new SerializationException($"the cluster serializer cannot handle {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        ToBinary(obj, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var w = new MessagePackWriter(buffer);
        Write(ref w, obj);
        output.Write(buffer.WrittenSpan);
        Count(obj, buffer.WrittenCount);
    }

    private void Count(object obj, int bytes)
    {
        switch (obj)
        {
            case GossipEnvelope:
            case Welcome:
                Interlocked.Increment(ref statistics.GossipMessages);
                Interlocked.Add(ref statistics.GossipBytes, bytes);
                break;
            case GossipStatus:
                Interlocked.Increment(ref statistics.StatusMessages);
                Interlocked.Add(ref statistics.StatusBytes, bytes);
                break;
            case ClusterHeartbeat:
            case ClusterHeartbeatRsp:
                Interlocked.Increment(ref statistics.HeartbeatMessages);
                Interlocked.Add(ref statistics.HeartbeatBytes, bytes);
                break;
            default:
                Interlocked.Increment(ref statistics.OtherMessages);
                Interlocked.Add(ref statistics.OtherBytes, bytes);
                break;
        }
    }

    private static void Write(ref MessagePackWriter w, object obj)
    {
        switch (obj)
        {
            case GossipEnvelope g:
                w.WriteArrayHeader(3);
                WriteUnique(ref w, g.From);
                WriteUnique(ref w, g.To);
                WriteGossip(ref w, g.Gossip);
                break;
            case GossipStatus s:
                w.WriteArrayHeader(3);
                WriteUnique(ref w, s.From);
                WriteClock(ref w, s.Version);
                w.Write(s.SeenDigest);
                break;
            case ClusterHeartbeat h:
                w.WriteArrayHeader(2);
                w.Write(h.From.ToString());
                w.Write(h.SequenceNr);
                break;
            case ClusterHeartbeatRsp r:
                w.WriteArrayHeader(2);
                WriteUnique(ref w, r.From);
                w.Write(r.SequenceNr);
                break;
            case InitJoin ij:
                w.Write(ij.SystemName);
                break;
            case InitJoinAck a:
                w.Write(a.Address.ToString());
                break;
            case InitJoinNack n:
                w.Write(n.Address.ToString());
                break;
            case Join j:
                w.WriteArrayHeader(2);
                WriteUnique(ref w, j.Node);
                WriteStrings(ref w, j.Roles);
                break;
            case Welcome wel:
                w.WriteArrayHeader(2);
                WriteUnique(ref w, wel.From);
                WriteGossip(ref w, wel.Gossip);
                break;
            case ExitingConfirmed e:
                WriteUnique(ref w, e.Node);
                break;
            case SingletonMessages.HandOverToMe or SingletonMessages.HandOverInProgress or SingletonMessages.HandOverDone or SingletonMessages.TakeOverFromMe:
                w.WriteNil();
                break;
            default:
                throw new SerializationException($"the cluster serializer cannot handle {obj.GetType()}");
        }
    }

    public override object FromBinary(byte[] bytes, string manifest) => FromBinary(bytes.AsSpan(), manifest);

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var r = new MessagePackReader(bytes);
        try
        {
            return Read(ref r, manifest);
        }
        catch (Exception e) when (e is not SerializationException)
        {
            throw new SerializationException($"malformed cluster message '{manifest}': {e.Message}");
        }
    }

    private static object Read(ref MessagePackReader r, string manifest)
    {
        switch (manifest)
        {
            case "GE":
            {
                Expect(ref r, 3, manifest);
                var from = ReadUnique(ref r);
                var to = ReadUnique(ref r);
                return new GossipEnvelope(from, to, ReadGossip(ref r));
            }
            case "GS":
            {
                Expect(ref r, 3, manifest);
                var from = ReadUnique(ref r);
                var version = ReadClock(ref r);
                return new GossipStatus(from, version, r.ReadInt64());
            }
            case "HB":
            {
                Expect(ref r, 2, manifest);
                var from = ReadAddress(ref r);
                return new ClusterHeartbeat(from, r.ReadInt64());
            }
            case "HBR":
            {
                Expect(ref r, 2, manifest);
                var from = ReadUnique(ref r);
                return new ClusterHeartbeatRsp(from, r.ReadInt64());
            }
            case "IJ": return new InitJoin(ReadString(ref r));
            case "IJA": return new InitJoinAck(ReadAddress(ref r));
            case "IJN": return new InitJoinNack(ReadAddress(ref r));
            case "J":
            {
                Expect(ref r, 2, manifest);
                var node = ReadUnique(ref r);
                return new Join(node, ReadStrings(ref r));
            }
            case "W":
            {
                Expect(ref r, 2, manifest);
                var from = ReadUnique(ref r);
                return new Welcome(from, ReadGossip(ref r));
            }
            case "EC": return new ExitingConfirmed(ReadUnique(ref r));
            case "SHTM": r.Skip(); return SingletonMessages.HandOverToMe.Instance;
            case "SHIP": r.Skip(); return SingletonMessages.HandOverInProgress.Instance;
            case "SHD": r.Skip(); return SingletonMessages.HandOverDone.Instance;
            case "STFM": r.Skip(); return SingletonMessages.TakeOverFromMe.Instance;
            default: throw new SerializationException($"unknown cluster message manifest '{manifest}'");
        }
    }

    // ---------------------------------------------------------------- pieces

    private static void Expect(ref MessagePackReader r, int count, string what)
    {
        int n = r.ReadArrayHeader();
        if (n != count) throw new SerializationException($"cluster message '{what}': expected {count} fields, got {n}");
    }

    private static string ReadString(ref MessagePackReader r) => r.ReadString() ?? throw new SerializationException("unexpected nil string");

    private static Address ReadAddress(ref MessagePackReader r)
    {
        var text = ReadString(ref r);
        if (!Address.TryParse(text, out var a, out _) || a.Host is null) throw new SerializationException($"malformed address '{text}'");
        return a;
    }

    private static void WriteUnique(ref MessagePackWriter w, UniqueAddress u)
    {
        w.WriteArrayHeader(2);
        w.Write(u.Address.ToString());
        w.Write(u.Uid);
    }

    private static UniqueAddress ReadUnique(ref MessagePackReader r)
    {
        Expect(ref r, 2, "UniqueAddress");
        var a = ReadAddress(ref r);
        return new UniqueAddress(a, r.ReadInt64());
    }

    private static void WriteStrings(ref MessagePackWriter w, IReadOnlyCollection<string> items)
    {
        w.WriteArrayHeader(items.Count);
        foreach (var s in items.Order(StringComparer.Ordinal)) w.Write(s);
    }

    private static ImmutableHashSet<string> ReadStrings(ref MessagePackReader r)
    {
        int n = r.ReadArrayHeader();
        var b = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++) b.Add(ReadString(ref r));
        return b.ToImmutable();
    }

    private static void WriteClock(ref MessagePackWriter w, VectorClock clock)
    {
        w.WriteMapHeader(clock.Versions.Count);
        foreach (var (k, v) in clock.Versions)
        {
            w.Write(k);
            w.Write(v);
        }
    }

    private static VectorClock ReadClock(ref MessagePackReader r)
    {
        int n = r.ReadMapHeader();
        var b = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var k = ReadString(ref r);
            b[k] = r.ReadInt64();
        }
        return new VectorClock(b.ToImmutable());
    }

    // Gossip: [nodes table, members, seen, reachability records, reachability versions, clock, tombstones]
    private static void WriteGossip(ref MessagePackWriter w, Gossip g)
    {
        var table = new List<UniqueAddress>();
        var index = new Dictionary<UniqueAddress, int>();
        int Index(UniqueAddress u)
        {
            if (!index.TryGetValue(u, out var i)) { i = table.Count; table.Add(u); index[u] = i; }
            return i;
        }
        foreach (var m in g.Members) Index(m.UniqueAddress);
        foreach (var s in g.Seen) Index(s);
        foreach (var rec in g.Reachability.Records) { Index(rec.Observer); Index(rec.Subject); }
        foreach (var o in g.Reachability.Versions.Keys) Index(o);
        foreach (var t in g.Tombstones.Keys) Index(t);

        w.WriteArrayHeader(7);
        w.WriteArrayHeader(table.Count);
        foreach (var u in table) WriteUnique(ref w, u);
        w.WriteArrayHeader(g.Members.Count);
        foreach (var m in g.Members)
        {
            w.WriteArrayHeader(4);
            w.Write(index[m.UniqueAddress]);
            w.Write((int)m.Status);
            w.Write(m.UpNumber);
            WriteStrings(ref w, m.Roles);
        }
        w.WriteArrayHeader(g.Seen.Count);
        foreach (var s in g.Seen) w.Write(index[s]);
        w.WriteArrayHeader(g.Reachability.Records.Count);
        foreach (var rec in g.Reachability.Records)
        {
            w.WriteArrayHeader(4);
            w.Write(index[rec.Observer]);
            w.Write(index[rec.Subject]);
            w.Write((int)rec.Status);
            w.Write(rec.Version);
        }
        w.WriteMapHeader(g.Reachability.Versions.Count);
        foreach (var (o, v) in g.Reachability.Versions)
        {
            w.Write(index[o]);
            w.Write(v);
        }
        WriteClock(ref w, g.Version);
        w.WriteMapHeader(g.Tombstones.Count);
        foreach (var (t, at) in g.Tombstones)
        {
            w.Write(index[t]);
            w.Write(at);
        }
    }

    private static Gossip ReadGossip(ref MessagePackReader r)
    {
        Expect(ref r, 7, "Gossip");
        int n = r.ReadArrayHeader();
        var table = new UniqueAddress[n];
        for (int i = 0; i < n; i++) table[i] = ReadUnique(ref r);
        UniqueAddress At(int i) => (uint)i < (uint)table.Length ? table[i] : throw new SerializationException($"gossip node index {i} out of range");

        int mc = r.ReadArrayHeader();
        var members = ImmutableSortedSet.CreateBuilder<Member>();
        for (int i = 0; i < mc; i++)
        {
            Expect(ref r, 4, "Member");
            var node = At(r.ReadInt32());
            int status = r.ReadInt32();
            if (status is < 0 or > 6) throw new SerializationException($"unknown member status {status}");
            int upNumber = r.ReadInt32();
            members.Add(new Member(node, upNumber, (MemberStatus)status, ReadStrings(ref r)));
        }
        int sc = r.ReadArrayHeader();
        var seen = ImmutableHashSet.CreateBuilder<UniqueAddress>();
        for (int i = 0; i < sc; i++) seen.Add(At(r.ReadInt32()));
        int rc = r.ReadArrayHeader();
        var records = ImmutableList.CreateBuilder<Reachability.Record>();
        for (int i = 0; i < rc; i++)
        {
            Expect(ref r, 4, "Reachability.Record");
            var observer = At(r.ReadInt32());
            var subject = At(r.ReadInt32());
            int status = r.ReadInt32();
            if (status is < 0 or > 2) throw new SerializationException($"unknown reachability status {status}");
            records.Add(new Reachability.Record(observer, subject, (Reachability.ReachabilityStatus)status, r.ReadInt64()));
        }
        int vc = r.ReadMapHeader();
        var versions = ImmutableDictionary.CreateBuilder<UniqueAddress, long>();
        for (int i = 0; i < vc; i++)
        {
            var o = At(r.ReadInt32());
            versions[o] = r.ReadInt64();
        }
        var clock = ReadClock(ref r);
        int tc = r.ReadMapHeader();
        var tombstones = ImmutableDictionary.CreateBuilder<UniqueAddress, long>();
        for (int i = 0; i < tc; i++)
        {
            var t = At(r.ReadInt32());
            tombstones[t] = r.ReadInt64();
        }
        return new Gossip(members.ToImmutable(), seen.ToImmutable(), new Reachability(records.ToImmutable(), versions.ToImmutable()),
            clock, tombstones.ToImmutable());
    }
}
