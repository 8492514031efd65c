using System.Collections.Concurrent;
using System.Collections.Immutable;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Persistence.Journal;

/// <summary>
/// <c>akka.persistence.journal.inmem</c>: events kept in process memory (tests). Events are stored as objects
/// (not serialized), so it never rejects; an AtomicWrite is applied under one lock. Like the SQL journals it stores
/// the payload of a <see cref="Tagged"/> event (tags are not kept).
/// </summary>
public sealed class MemoryJournal(Config config) : AsyncWriteJournal(config)
{
    private sealed class Stream
    {
        public readonly Lock Lock = new();
        public readonly SortedList<long, IPersistentRepresentation> Events = new();
        public long Highest;
    }

    private readonly ConcurrentDictionary<string, Stream> _streams = new(StringComparer.Ordinal);

    public MemoryJournal() : this(Config.Empty) { }

    private Stream StreamOf(string persistenceId) => _streams.GetOrAdd(persistenceId, static _ => new Stream());

    protected override Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages)
    {
        long now = DateTime.UtcNow.Ticks;
        foreach (var write in messages)
        {
            var stream = StreamOf(write.PersistenceId);
            lock (stream.Lock)
            {
                foreach (var p in write.Payload)
                    if (stream.Events.ContainsKey(p.SequenceNr))
                        return Task.FromException<IImmutableList<Exception?>?>(new InvalidOperationException(
                            $"duplicate sequence number {p.SequenceNr} for persistence id '{p.PersistenceId}'"));
                foreach (var p in write.Payload)
                {
                    var stored = p.Update(p.SequenceNr, p.PersistenceId, false, null, p.WriterGuid);
                    if (stored.Payload is Tagged tagged) stored = stored.WithPayload(tagged.Payload);
                    stream.Events.Add(p.SequenceNr, stored.Timestamp == 0 ? stored.WithTimestamp(now) : stored);
                    if (p.SequenceNr > stream.Highest) stream.Highest = p.SequenceNr;
                }
            }
        }
        return Task.FromResult<IImmutableList<Exception?>?>(null);
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr)
    {
        var stream = StreamOf(persistenceId);
        lock (stream.Lock)
        {
            while (stream.Events.Count > 0 && stream.Events.Keys[0] <= toSequenceNr) stream.Events.RemoveAt(0);
        }
        return Task.CompletedTask;
    }

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        if (!_streams.TryGetValue(persistenceId, out var stream)) return Task.CompletedTask;
        List<IPersistentRepresentation> selected = [];
        lock (stream.Lock)
        {
            foreach (var (seq, p) in stream.Events)
            {
                if (seq < fromSequenceNr) continue;
                if (seq > toSequenceNr || selected.Count >= max) break;
                selected.Add(p);
            }
        }
        foreach (var p in selected) recoveryCallback(p);
        return Task.CompletedTask;
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr)
    {
        if (!_streams.TryGetValue(persistenceId, out var stream)) return Task.FromResult(0L);
        lock (stream.Lock) return Task.FromResult(stream.Highest);
    }
}
