using ActorWarehouse.Engine.Catalog;

namespace ActorWarehouse.Engine.Transactions;

/// <summary>
/// A unit of work: the catalog version it started from (its snapshot), its private working version (its own
/// changes visible to its later statements) and the catalog objects it changed (for write-write conflicts).
/// </summary>
public sealed class Transaction
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    internal Transaction(CatalogVersion snapshot, bool isExplicit)
    {
        Snapshot = snapshot;
        Working = snapshot;
        IsExplicit = isExplicit;
    }

    public CatalogVersion Snapshot { get; }

    public CatalogVersion Working { get; private set; }

    /// <summary>BEGIN ... COMMIT rather than one autocommitted statement.</summary>
    public bool IsExplicit { get; private set; }

    /// <summary>A BEGIN inside an implicit transaction block makes the block's transaction an explicit one.</summary>
    internal void MarkExplicit() => IsExplicit = true;

    /// <summary>A statement failed inside BEGIN: everything but ROLLBACK is refused with 25P02.</summary>
    public bool Failed { get; set; }

    public IReadOnlyCollection<string> Touched => _touched;

    public bool HasChanges => _touched.Count > 0;

    /// <summary>Replaces the working version, recording which objects changed (keys from <see cref="CatalogKeys"/>).</summary>
    public void Apply(CatalogVersion working, params string[] touchedKeys)
    {
        Working = working;
        foreach (var key in touchedKeys) _touched.Add(key);
    }
}
