using ActorWarehouse.Actors.Persistence;
using ActorWarehouse.Actors.TestKit;
using PersistenceExtension = ActorWarehouse.Actors.Persistence.Persistence;

namespace ActorWarehouse.Actors.Tests.Persistence.Tck;

/// <summary>
/// The snapshot-store conformance kit (like Akka.Persistence.TCK's SnapshotStoreSpec): setup saves "s-1" … "s-5"
/// at sequence numbers 11–15, one second apart.
/// </summary>
public abstract class SnapshotStoreSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    protected TestProbe Probe { get; }

    protected SnapshotStoreSpec(string pluginConfig) : base(pluginConfig)
    {
        Store = PersistenceExtension.Get(Sys).SnapshotStoreFor(null);
        Probe = CreateTestProbe();
        Pid = "s-" + Guid.NewGuid().ToString("N");
        for (int i = 1; i <= 5; i++)
        {
            var metadata = new SnapshotMetadata(Pid, 10 + i, Start.AddSeconds(i));
            Store.Tell(new SaveSnapshot(metadata, $"s-{i}"), Probe.Ref);
            Metadata.Add(Probe.ExpectMsg<SaveSnapshotSuccess>(TimeSpan.FromSeconds(10)).Metadata);
        }
    }

    protected IActorRef Store { get; }
    protected string Pid { get; }
    protected List<SnapshotMetadata> Metadata { get; } = [];

    protected SelectedSnapshot? Load(SnapshotSelectionCriteria criteria, long toSequenceNr = long.MaxValue, string? pid = null)
    {
        Store.Tell(new LoadSnapshot(pid ?? Pid, criteria, toSequenceNr), Probe.Ref);
        var result = Probe.ExpectMsg<LoadSnapshotResult>(TimeSpan.FromSeconds(10));
        Assert.Equal(toSequenceNr, result.ToSequenceNr);
        return result.Snapshot;
    }

    protected void AssertSelected(SelectedSnapshot? selected, int index)
    {
        Assert.NotNull(selected);
        Assert.Equal($"s-{index}", selected.Snapshot);
        Assert.Equal(Metadata[index - 1], selected.Metadata);
    }

    [Fact]
    public void A_snapshot_store_loads_nothing_for_an_unknown_persistence_id() =>
        Assert.Null(Load(SnapshotSelectionCriteria.Latest, pid: "unknown-" + Guid.NewGuid().ToString("N")));

    [Fact]
    public void A_snapshot_store_loads_nothing_when_no_sequence_number_matches() =>
        Assert.Null(Load(new SnapshotSelectionCriteria(10)));

    [Fact]
    public void A_snapshot_store_loads_nothing_when_no_timestamp_matches() =>
        Assert.Null(Load(new SnapshotSelectionCriteria(long.MaxValue, Start)));

    [Fact]
    public void A_snapshot_store_loads_nothing_for_the_None_criteria() =>
        Assert.Null(Load(SnapshotSelectionCriteria.None));

    [Fact]
    public void A_snapshot_store_loads_the_latest_snapshot() =>
        AssertSelected(Load(SnapshotSelectionCriteria.Latest), 5);

    [Fact]
    public void A_snapshot_store_loads_the_latest_snapshot_under_a_sequence_number_bound() =>
        AssertSelected(Load(new SnapshotSelectionCriteria(13)), 3);

    [Fact]
    public void A_snapshot_store_loads_the_latest_snapshot_under_the_recovery_upper_bound() =>
        AssertSelected(Load(SnapshotSelectionCriteria.Latest, toSequenceNr: 14), 4);

    [Fact]
    public void A_snapshot_store_loads_the_latest_snapshot_under_sequence_number_and_timestamp_bounds() =>
        AssertSelected(Load(new SnapshotSelectionCriteria(13, Metadata[1].Timestamp)), 2);

    [Fact]
    public void A_snapshot_store_honours_minimum_sequence_number_and_timestamp() =>
        Assert.Null(Load(new SnapshotSelectionCriteria(12, DateTime.MaxValue, MinSequenceNr: 13)));

    [Fact]
    public void A_snapshot_store_deletes_a_single_snapshot_identified_by_its_metadata()
    {
        Store.Tell(new DeleteSnapshot(Metadata[2]), Probe.Ref);
        Probe.ExpectMsg<DeleteSnapshotSuccess>(TimeSpan.FromSeconds(10));
        AssertSelected(Load(new SnapshotSelectionCriteria(13)), 2);
        AssertSelected(Load(SnapshotSelectionCriteria.Latest), 5);
    }

    [Fact]
    public void A_snapshot_store_deletes_a_single_snapshot_when_the_timestamp_is_MinValue()
    {
        Store.Tell(new DeleteSnapshot(new SnapshotMetadata(Pid, 13)), Probe.Ref);
        Probe.ExpectMsg<DeleteSnapshotSuccess>(TimeSpan.FromSeconds(10));
        AssertSelected(Load(new SnapshotSelectionCriteria(13)), 2);
    }

    [Fact]
    public void A_snapshot_store_does_not_delete_a_snapshot_younger_than_the_given_timestamp()
    {
        Store.Tell(new DeleteSnapshot(Metadata[2] with { Timestamp = Metadata[2].Timestamp.AddSeconds(-1) }), Probe.Ref);
        Probe.ExpectMsg<DeleteSnapshotSuccess>(TimeSpan.FromSeconds(10));
        AssertSelected(Load(new SnapshotSelectionCriteria(13)), 3);
    }

    [Fact]
    public void A_snapshot_store_deletes_all_snapshots_matching_the_criteria()
    {
        Store.Tell(new DeleteSnapshots(Pid, new SnapshotSelectionCriteria(13)), Probe.Ref);
        Probe.ExpectMsg<DeleteSnapshotsSuccess>(TimeSpan.FromSeconds(10));
        Assert.Null(Load(new SnapshotSelectionCriteria(13)));
        AssertSelected(Load(SnapshotSelectionCriteria.Latest), 5);
    }

    [Fact]
    public void A_snapshot_store_deletes_nothing_when_the_criteria_match_nothing()
    {
        Store.Tell(new DeleteSnapshots(Pid, new SnapshotSelectionCriteria(10)), Probe.Ref);
        Probe.ExpectMsg<DeleteSnapshotsSuccess>(TimeSpan.FromSeconds(10));
        AssertSelected(Load(new SnapshotSelectionCriteria(11)), 1);
        AssertSelected(Load(SnapshotSelectionCriteria.Latest), 5);
    }

    [Fact]
    public void A_snapshot_store_overwrites_a_snapshot_saved_again_at_the_same_sequence_number()
    {
        var metadata = new SnapshotMetadata(Pid, 15, Start.AddSeconds(30));
        Store.Tell(new SaveSnapshot(metadata, "s-5 again"), Probe.Ref);
        Probe.ExpectMsg<SaveSnapshotSuccess>(TimeSpan.FromSeconds(10));
        var selected = Load(SnapshotSelectionCriteria.Latest);
        Assert.NotNull(selected);
        Assert.Equal("s-5 again", selected.Snapshot);
        Assert.Equal(metadata, selected.Metadata);
    }

    [Fact]
    public void A_snapshot_store_saves_and_loads_a_large_snapshot()
    {
        var large = new string('x', 200_000) + "end";
        Store.Tell(new SaveSnapshot(new SnapshotMetadata(Pid, 100, Start.AddSeconds(100)), large), Probe.Ref);
        Probe.ExpectMsg<SaveSnapshotSuccess>(TimeSpan.FromSeconds(10));
        Assert.Equal(large, Load(SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    [Fact]
    public void A_snapshot_store_stamps_a_snapshot_saved_without_a_timestamp()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        Store.Tell(new SaveSnapshot(new SnapshotMetadata(Pid, 200), "now"), Probe.Ref);
        var saved = Probe.ExpectMsg<SaveSnapshotSuccess>(TimeSpan.FromSeconds(10)).Metadata;
        Assert.True(saved.Timestamp >= before, $"timestamp {saved.Timestamp:o} should be recent");
        Assert.Equal(saved, Load(SnapshotSelectionCriteria.Latest)?.Metadata);
    }

    [Fact]
    public void A_snapshot_store_round_trips_snapshot_payloads_through_serialization()
    {
        var guid = Guid.NewGuid();
        Store.Tell(new SaveSnapshot(new SnapshotMetadata(Pid, 300, Start.AddSeconds(300)), guid), Probe.Ref);
        Probe.ExpectMsg<SaveSnapshotSuccess>(TimeSpan.FromSeconds(10));
        Assert.Equal(guid, Load(SnapshotSelectionCriteria.Latest)?.Snapshot);
    }
}

/// <summary>Extra specs of snapshot stores that serialize into a database (SQLite, PostgreSQL).</summary>
public abstract class SerializingSnapshotStoreSpec(string pluginConfig) : SnapshotStoreSpec(pluginConfig)
{
    private sealed class NotSerializable;

    [Fact]
    public void A_snapshot_store_reports_SaveSnapshotFailure_for_a_snapshot_it_cannot_serialize()
    {
        Store.Tell(new SaveSnapshot(new SnapshotMetadata(Pid, 400, new DateTime(2026, 1, 1, 0, 10, 0, DateTimeKind.Utc)), new NotSerializable()), Probe.Ref);
        Probe.ExpectMsg<SaveSnapshotFailure>(TimeSpan.FromSeconds(10));
        AssertSelected(Load(SnapshotSelectionCriteria.Latest), 5);
    }
}
