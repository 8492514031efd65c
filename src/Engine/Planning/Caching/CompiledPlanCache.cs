using ActorWarehouse.Engine.Planning.Physical;

namespace ActorWarehouse.Engine.Planning.Caching;

/// <summary>
/// What makes two SELECTs share a compiled plan: the statement text with its <c>$n</c> placeholders (parameter
/// values are not part of it), the parameter types, the committed catalog version the plan's table snapshots come
/// from, and everything binding reads from the session (settings, user, database, disabled optimizer rules) plus
/// the planner options.
/// </summary>
public sealed record PlanShape(string Text, string ParameterTypes, long CatalogVersion, string Settings, string User, string Database,
    string DisabledRules, PhysicalPlanOptions Options);

/// <summary>A compiled plan with the result columns the client sees.</summary>
public sealed record CachedPlan(PhysicalPlan Plan, IReadOnlyList<ResultColumn> Columns);

/// <summary>
/// The warehouse's compiled plans by shape (our analogue of Redshift's compiled-segment cache): physical plans with
/// compiled expressions are immutable and keep per-execution state in the QueryContext, so sessions share them,
/// concurrently. Least recently used shapes leave first; a commit changes the catalog version, so plans over older
/// data are never found again and age out.
/// </summary>
public sealed class CompiledPlanCache(int capacity = CompiledPlanCache.DefaultCapacity)
{
    public const int DefaultCapacity = 512;

    private readonly Dictionary<PlanShape, LinkedListNode<(PlanShape Shape, CachedPlan Plan)>> _entries = [];
    private readonly LinkedList<(PlanShape Shape, CachedPlan Plan)> _recency = new();
    private readonly Lock _lock = new();
    private long _hits, _misses;

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(PlanShape shape, out CachedPlan plan)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(shape, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                plan = node.Value.Plan;
                _hits++;
                return true;
            }
            _misses++;
        }
        plan = null!;
        return false;
    }

    public void Add(PlanShape shape, CachedPlan plan)
    {
        if (capacity <= 0) return;
        lock (_lock)
        {
            if (_entries.TryGetValue(shape, out var existing)) _recency.Remove(existing);
            var node = _recency.AddFirst((shape, plan));
            _entries[shape] = node;
            while (_entries.Count > capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Shape);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }
}
