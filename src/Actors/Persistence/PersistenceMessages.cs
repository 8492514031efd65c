namespace ActorWarehouse.Actors.Persistence;

/// <summary>The last message of recovery: the recover handler gets it once, after the snapshot and every replayed event.</summary>
public sealed class RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();
    private RecoveryCompleted() { }
    public override string ToString() => "RecoveryCompleted";
}

/// <summary>What a persistent actor is: an identity whose events live under one persistence id.</summary>
public interface IPersistentIdentity
{
    string PersistenceId { get; }
    /// <summary>Config path of the journal plugin ("" = <c>akka.persistence.journal.plugin</c>).</summary>
    string JournalPluginId { get; }
    /// <summary>Config path of the snapshot-store plugin ("" = <c>akka.persistence.snapshot-store.plugin</c>).</summary>
    string SnapshotPluginId { get; }
}

/// <summary>INTERNAL API: the first message of every persistent actor incarnation (put in front of its mailbox).</summary>
internal sealed class StartRecovery
{
    public static readonly StartRecovery Instance = new();
    private StartRecovery() { }
}

/// <summary>INTERNAL API: periodic check that recovery still makes progress.</summary>
internal sealed record RecoveryTick(int InstanceId);
