using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Persistence;

/// <summary>
/// One journaled event as the journal sees it: the payload plus its identity (persistence id, sequence number)
/// and bookkeeping. The sender travels only inside the process; journals never store it.
/// </summary>
public interface IPersistentRepresentation
{
    object Payload { get; }
    /// <summary>The event adapter's manifest ("" when none); SQL journals store the serializer's manifest instead.</summary>
    string Manifest { get; }
    string PersistenceId { get; }
    long SequenceNr { get; }
    /// <summary>.NET ticks (UTC) of the write; 0 until the journal stamps it.</summary>
    long Timestamp { get; }
    bool IsDeleted { get; }
    IActorRef? Sender { get; }
    string WriterGuid { get; }

    IPersistentRepresentation WithPayload(object payload);
    IPersistentRepresentation WithTimestamp(long timestamp);
    IPersistentRepresentation Update(long sequenceNr, string persistenceId, bool isDeleted, IActorRef? sender, string writerGuid);
}

/// <summary>The default <see cref="IPersistentRepresentation"/>.</summary>
public sealed class Persistent(
    object payload,
    long sequenceNr = 0,
    string persistenceId = "",
    string manifest = "",
    bool isDeleted = false,
    IActorRef? sender = null,
    string writerGuid = "",
    long timestamp = 0) : IPersistentRepresentation
{
    public object Payload { get; } = payload;
    public string Manifest { get; } = manifest;
    public string PersistenceId { get; } = persistenceId;
    public long SequenceNr { get; } = sequenceNr;
    public long Timestamp { get; } = timestamp;
    public bool IsDeleted { get; } = isDeleted;
    public IActorRef? Sender { get; } = sender;
    public string WriterGuid { get; } = writerGuid;

    public IPersistentRepresentation WithPayload(object payload) =>
        new Persistent(payload, SequenceNr, PersistenceId, Manifest, IsDeleted, Sender, WriterGuid, Timestamp);

    public IPersistentRepresentation WithTimestamp(long timestamp) =>
        new Persistent(Payload, SequenceNr, PersistenceId, Manifest, IsDeleted, Sender, WriterGuid, timestamp);

    public IPersistentRepresentation Update(long sequenceNr, string persistenceId, bool isDeleted, IActorRef? sender, string writerGuid) =>
        new Persistent(Payload, sequenceNr, persistenceId, Manifest, isDeleted, sender, writerGuid, Timestamp);

    public override string ToString() => $"Persistent<pid: {PersistenceId}, seqNr: {SequenceNr}, payload: {Payload}>";
}

/// <summary>Something a persistent actor hands to its journal in one <c>WriteMessages</c> request.</summary>
public interface IPersistentEnvelope
{
    object Payload { get; }
    IActorRef? Sender { get; }
    int Size { get; }
}

/// <summary>
/// Events that must be stored all together or not at all (one from <c>Persist</c>, N from <c>PersistAll</c>), all of
/// the same persistence id with consecutive sequence numbers.
/// </summary>
public sealed class AtomicWrite : IPersistentEnvelope
{
    public AtomicWrite(IPersistentRepresentation @event) : this(ImmutableList.Create(@event)) { }

    public AtomicWrite(IImmutableList<IPersistentRepresentation> payload)
    {
        if (payload.Count == 0) throw new ArgumentException("an AtomicWrite needs at least one event", nameof(payload));
        var first = payload[0];
        for (int i = 1; i < payload.Count; i++)
            if (payload[i].PersistenceId != first.PersistenceId)
                throw new ArgumentException($"an AtomicWrite holds events of one persistence id, got {first.PersistenceId} and {payload[i].PersistenceId}", nameof(payload));
        Payload = payload;
        PersistenceId = first.PersistenceId;
        LowestSequenceNr = first.SequenceNr;
        HighestSequenceNr = payload[^1].SequenceNr;
    }

    public IImmutableList<IPersistentRepresentation> Payload { get; }
    object IPersistentEnvelope.Payload => Payload;
    public string PersistenceId { get; }
    public long LowestSequenceNr { get; }
    public long HighestSequenceNr { get; }
    public IActorRef? Sender => null;
    public int Size => Payload.Count;
}

/// <summary>INTERNAL API: a <c>DeferAsync</c> handler's message looped through the journal to keep its place in line.</summary>
internal sealed class NonPersistentMessage(object payload, IActorRef? sender) : IPersistentEnvelope
{
    public object Payload { get; } = payload;
    public IActorRef? Sender { get; } = sender;
    public int Size => 1;
}

/// <summary>Wrap an event in <c>Tagged</c> to store tags with it (the journal unwraps it; the tags column is <c>;</c>-separated).</summary>
public sealed record Tagged(object Payload, IImmutableSet<string> Tags)
{
    public Tagged(object payload, IEnumerable<string> tags) : this(payload, tags.ToImmutableHashSet(StringComparer.Ordinal)) { }
}
