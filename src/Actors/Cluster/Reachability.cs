using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Who observes whom as unreachable, gossiped with the membership. Each observer owns its own records and a
/// version that grows with every change it makes; merging keeps, per observer, the records of the newer version.
/// A subject is unreachable when any observer says so, and reachable again only when none does.
/// </summary>
public sealed class Reachability
{
    public enum ReachabilityStatus { Reachable = 0, Unreachable = 1, Terminated = 2 }

    public sealed record Record(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);

    public static readonly Reachability Empty = new(ImmutableList<Record>.Empty, ImmutableDictionary<UniqueAddress, long>.Empty);

    public Reachability(ImmutableList<Record> records, ImmutableDictionary<UniqueAddress, long> versions)
    {
        Records = records;
        Versions = versions;
    }

    /// <summary>Only non-reachable observations are kept (an observer's "reachable again" deletes its record).</summary>
    public ImmutableList<Record> Records { get; }
    public ImmutableDictionary<UniqueAddress, long> Versions { get; }

    public bool IsEmpty => Records.IsEmpty;

    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Unreachable);

    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Reachable);

    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Terminated);

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        var existing = Records.Find(r => r.Observer.Equals(observer) && r.Subject.Equals(subject));
        var current = existing?.Status ?? ReachabilityStatus.Reachable;
        if (current == status || current == ReachabilityStatus.Terminated) return this;
        long version = (Versions.TryGetValue(observer, out var v) ? v : 0) + 1;
        var records = existing is null ? Records : Records.Remove(existing);
        if (status != ReachabilityStatus.Reachable) records = records.Add(new Record(observer, subject, status, version));
        return new Reachability(records, Versions.SetItem(observer, version));
    }

    /// <summary>Combines two tables; only nodes in <paramref name="allowed"/> are kept (as observers and subjects).</summary>
    public Reachability Merge(IReadOnlySet<UniqueAddress> allowed, Reachability other)
    {
        var records = ImmutableList.CreateBuilder<Record>();
        var versions = ImmutableDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in Versions.Keys.Concat(other.Versions.Keys).Distinct())
        {
            if (!allowed.Contains(observer)) continue;
            long mine = Versions.TryGetValue(observer, out var a) ? a : 0;
            long theirs = other.Versions.TryGetValue(observer, out var b) ? b : 0;
            var source = mine >= theirs ? this : other;
            versions[observer] = Math.Max(mine, theirs);
            foreach (var r in source.Records)
                if (r.Observer.Equals(observer) && allowed.Contains(r.Subject)) records.Add(r);
        }
        return new Reachability(records.ToImmutable(), versions.ToImmutable());
    }

    /// <summary>Drops everything observed by or about the given nodes (removed members).</summary>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        var gone = nodes.ToHashSet();
        if (gone.Count == 0) return this;
        return new Reachability(
            Records.RemoveAll(r => gone.Contains(r.Observer) || gone.Contains(r.Subject)),
            Versions.RemoveRange(gone));
    }

    /// <summary>Drops the observations made by <paramref name="observers"/> (e.g. downed nodes no longer count).</summary>
    public Reachability RemoveObservers(IReadOnlySet<UniqueAddress> observers)
    {
        if (observers.Count == 0) return this;
        return new Reachability(Records.RemoveAll(r => observers.Contains(r.Observer)), Versions);
    }

    public ReachabilityStatus Status(UniqueAddress subject)
    {
        var result = ReachabilityStatus.Reachable;
        foreach (var r in Records)
        {
            if (!r.Subject.Equals(subject)) continue;
            if (r.Status == ReachabilityStatus.Terminated) return ReachabilityStatus.Terminated;
            result = ReachabilityStatus.Unreachable;
        }
        return result;
    }

    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject) =>
        Records.Find(r => r.Observer.Equals(observer) && r.Subject.Equals(subject))?.Status ?? ReachabilityStatus.Reachable;

    public bool IsReachable(UniqueAddress subject) => Status(subject) == ReachabilityStatus.Reachable;

    public bool IsReachable(UniqueAddress observer, UniqueAddress subject) => Status(observer, subject) == ReachabilityStatus.Reachable;

    /// <summary>Every subject some observer sees as unreachable or terminated.</summary>
    public ImmutableHashSet<UniqueAddress> AllUnreachableOrTerminated => Records.Select(r => r.Subject).ToImmutableHashSet();

    /// <summary>Subjects that <paramref name="observer"/> itself sees as unreachable.</summary>
    public ImmutableHashSet<UniqueAddress> AllUnreachableFrom(UniqueAddress observer) =>
        Records.Where(r => r.Observer.Equals(observer)).Select(r => r.Subject).ToImmutableHashSet();

    public override string ToString() =>
        "Reachability(" + string.Join(", ", Records.Select(r => $"{r.Observer.Address} -> {r.Subject.Address}: {r.Status} [{r.Version}]")) + ")";
}
