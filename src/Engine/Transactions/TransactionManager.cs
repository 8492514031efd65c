using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.Transactions;

/// <summary>
/// Publishes catalog versions. A transaction reads the version current when it began; committing applies its
/// changed objects onto the latest version, unless another transaction committed a change to one of the same
/// objects since its snapshot — then the later committer fails with 40001 (first committer wins). Each commit is
/// one atomic journal write of the whole new version.
/// </summary>
public sealed class TransactionManager
{
    private readonly object _gate = new();
    private readonly ICatalogJournal _journal;
    private CatalogVersion _current;

    public TransactionManager(ICatalogJournal journal)
    {
        _journal = journal;
        var record = journal.ReadCurrent();
        _current = record is null ? CatalogVersion.Initial : CatalogSerializer.Deserialize(record.Payload) with { Version = record.Version };
    }

    public CatalogVersion Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    public Transaction Begin(bool isExplicit) => new(Current, isExplicit);

    /// <summary>Publishes the transaction's changes as a new version; returns it (the current one when nothing changed).</summary>
    public CatalogVersion Commit(Transaction transaction)
    {
        if (!transaction.HasChanges) return Current;
        lock (_gate)
        {
            var latest = _current;
            var next = latest;
            foreach (var key in transaction.Touched)
            {
                if (!ReferenceEquals(CatalogKeys.Lookup(transaction.Snapshot, key), CatalogKeys.Lookup(latest, key))
                    && !Equals(CatalogKeys.Lookup(transaction.Snapshot, key), CatalogKeys.Lookup(latest, key)))
                {
                    var name = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
                    throw new SqlException(SqlState.SerializationFailure,
                        $"could not serialize access due to concurrent update (Serializable isolation violation on \"{name}\")");
                }
                next = CatalogKeys.Copy(next, transaction.Working, key);
            }
            next = next with
            {
                NextObjectId = Math.Max(latest.NextObjectId, transaction.Working.NextObjectId),
            };
            long version = _journal.Commit(_journal.CurrentVersion, CatalogSerializer.Serialize(next with { Version = _journal.CurrentVersion + 1 }));
            _current = next with { Version = version };
            return _current;
        }
    }
}
