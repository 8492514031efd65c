using System.Collections.Immutable;
using System.Globalization;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// A vector clock over cluster nodes (one counter per node that changed the gossip). Compares as Same, Before,
/// After or Concurrent; merging takes the maximum counter of every node. Immutable.
/// </summary>
public sealed class VectorClock : IEquatable<VectorClock>
{
    public enum Ordering { Same, Before, After, Concurrent }

    public static readonly VectorClock Empty = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    public VectorClock(ImmutableSortedDictionary<string, long> versions) => Versions = versions;

    public ImmutableSortedDictionary<string, long> Versions { get; }

    /// <summary>The clock key of a node incarnation.</summary>
    public static string NodeKey(UniqueAddress node) => node.Address + "#" + node.Uid.ToString(CultureInfo.InvariantCulture);

    public VectorClock Increment(UniqueAddress node) => Increment(NodeKey(node));

    public VectorClock Increment(string node) =>
        new(Versions.SetItem(node, Versions.TryGetValue(node, out var v) ? v + 1 : 1));

    public VectorClock Merge(VectorClock other)
    {
        var merged = Versions;
        foreach (var (node, v) in other.Versions)
            if (!merged.TryGetValue(node, out var mine) || v > mine) merged = merged.SetItem(node, v);
        return ReferenceEquals(merged, Versions) ? this : new VectorClock(merged);
    }

    /// <summary>Forgets a removed node's counter.</summary>
    public VectorClock Prune(UniqueAddress node)
    {
        var key = NodeKey(node);
        return Versions.ContainsKey(key) ? new VectorClock(Versions.Remove(key)) : this;
    }

    public Ordering CompareTo(VectorClock other)
    {
        bool anyGreater = false, anyLess = false;
        foreach (var (node, v) in Versions)
        {
            long o = other.Versions.TryGetValue(node, out var x) ? x : 0;
            if (v > o) anyGreater = true;
            else if (v < o) anyLess = true;
        }
        foreach (var (node, o) in other.Versions)
            if (!Versions.ContainsKey(node) && o > 0) anyLess = true;
        return (anyGreater, anyLess) switch
        {
            (false, false) => Ordering.Same,
            (true, false) => Ordering.After,
            (false, true) => Ordering.Before,
            _ => Ordering.Concurrent,
        };
    }

    public bool IsBefore(VectorClock other) => CompareTo(other) == Ordering.Before;
    public bool IsAfter(VectorClock other) => CompareTo(other) == Ordering.After;
    public bool IsConcurrentWith(VectorClock other) => CompareTo(other) == Ordering.Concurrent;

    public bool Equals(VectorClock? other) => other is not null && CompareTo(other) == Ordering.Same;
    public override bool Equals(object? obj) => obj is VectorClock v && Equals(v);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var (k, v) in Versions) if (v != 0) { h.Add(k); h.Add(v); }
        return h.ToHashCode();
    }

    public override string ToString() => "VectorClock(" + string.Join(", ", Versions.Select(kv => $"{kv.Key} -> {kv.Value}")) + ")";
}
