using ActorWarehouse.Actors.Cluster;
using static ActorWarehouse.Actors.Tests.Cluster.ClusterTestData;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class VectorClockSpec
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3);

    [Fact]
    public void An_incremented_clock_is_after_the_original_and_the_original_before_it()
    {
        var v1 = VectorClock.Empty.Increment(A);
        var v2 = v1.Increment(A);
        Assert.Equal(VectorClock.Ordering.After, v2.CompareTo(v1));
        Assert.Equal(VectorClock.Ordering.Before, v1.CompareTo(v2));
        Assert.Equal(VectorClock.Ordering.Same, v1.CompareTo(VectorClock.Empty.Increment(A)));
    }

    [Fact]
    public void Clocks_changed_by_different_nodes_are_concurrent_and_their_merge_is_after_both()
    {
        var root = VectorClock.Empty.Increment(A);
        var left = root.Increment(B);
        var right = root.Increment(C);
        Assert.Equal(VectorClock.Ordering.Concurrent, left.CompareTo(right));
        var merged = left.Merge(right);
        Assert.Equal(VectorClock.Ordering.After, merged.CompareTo(left));
        Assert.Equal(VectorClock.Ordering.After, merged.CompareTo(right));
        Assert.All(new[] { A, B, C }, n => Assert.Equal(1, merged.Versions[VectorClock.NodeKey(n)]));
    }

    [Fact]
    public void Merging_takes_the_maximum_counter_per_node()
    {
        var x = VectorClock.Empty.Increment(A).Increment(A).Increment(B);
        var y = VectorClock.Empty.Increment(A).Increment(B).Increment(B).Increment(B);
        var m = x.Merge(y);
        Assert.Equal(2, m.Versions[VectorClock.NodeKey(A)]);
        Assert.Equal(3, m.Versions[VectorClock.NodeKey(B)]);
    }

    [Fact]
    public void Pruning_a_removed_node_forgets_its_counter()
    {
        var v = VectorClock.Empty.Increment(A).Increment(B).Prune(B);
        Assert.False(v.Versions.ContainsKey(VectorClock.NodeKey(B)));
        Assert.Equal(VectorClock.Ordering.Same, v.CompareTo(VectorClock.Empty.Increment(A)));
    }
}
