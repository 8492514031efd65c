using System.Collections.Concurrent;
using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Transactions;

namespace ActorWarehouse.Engine.Sequences;

/// <summary>
/// A warehouse's live sequence counters (by sequence id) and which of them moved since their position was last
/// written to the catalog. Positions are persisted by small commits of their own (<see cref="Persist"/>), so they
/// survive both a rollback of the statement's transaction and a restart.
/// </summary>
internal sealed class SequenceCounters
{
    private readonly ConcurrentDictionary<long, SequenceCounter> _counters = new();
    private readonly ConcurrentDictionary<long, byte> _dirty = new();
    private readonly object _persistGate = new();

    /// <summary>The live counter of <paramref name="definition"/>, starting from the position stored in <paramref name="catalog"/>.</summary>
    public SequenceCounter For(SequenceDefinition definition, CatalogVersion catalog) =>
        _counters.GetOrAdd(definition.Id, _ => new SequenceCounter(definition,
            catalog.SequenceValues.GetValueOrDefault(definition.Id) ?? new SequenceValue(definition.Start, false)));

    public void MarkMoved(SequenceCounter counter) => _dirty[counter.Definition.Id] = 0;

    /// <summary>
    /// Writes the positions of moved sequences visible in the latest catalog version. A sequence created by a
    /// still-open transaction stays pending until a later call sees it committed.
    /// </summary>
    public void Persist(TransactionManager transactions)
    {
        if (_dirty.IsEmpty) return;
        lock (_persistGate)
        {
            var transaction = transactions.Begin(isExplicit: false);
            var written = new List<long>();
            foreach (var id in _dirty.Keys)
            {
                if (!_counters.TryGetValue(id, out var counter)) continue;
                var d = counter.Definition;
                if (transaction.Working.FindSequence(d.Schema, d.Name) is not { } visible || visible.Id != id) continue;
                _dirty.TryRemove(id, out _);
                written.Add(id);
                var working = transaction.Working;
                transaction.Apply(working with { SequenceValues = working.SequenceValues.SetItem(id, counter.Value) }, CatalogKeys.SequenceValue(id));
            }
            if (written.Count == 0) return;
            try
            {
                transactions.Commit(transaction);
            }
            catch (SqlException)
            {
                foreach (var id in written) _dirty[id] = 0;
                throw;
            }
        }
    }
}
