using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Operators.Sort;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Aggregate;

/// <summary>
/// The hash tables and aggregate states of one partition of a hash aggregation: one group table and one
/// set of <see cref="IGroupedAggregate"/> states per grouping set. Partitions aggregate independently
/// (partial aggregation); <see cref="MergeFrom"/> folds another partition's partial states into this one.
/// </summary>
internal sealed class AggregationState
{
    private readonly AggregatePlan _plan;
    private readonly QueryContext _context;
    private readonly GroupKeyTable[] _tables;
    private readonly IGroupedAggregate[][] _states;
    private readonly GroupKeyTable?[][] _distinctSeen;
    private readonly List<Batch> _orderedInput = [];
    private int[] _groupIds = [];
    private int[] _selection = [];
    private bool[] _fresh = [];
    private long _reservedForStates;

    public AggregationState(AggregatePlan plan, QueryContext context)
    {
        _plan = plan;
        _context = context;
        int sets = plan.GroupingSets.Count;
        _tables = new GroupKeyTable[sets];
        _states = new IGroupedAggregate[sets][];
        _distinctSeen = new GroupKeyTable?[sets][];
        for (int s = 0; s < sets; s++)
        {
            var keyTypes = new SqlType[plan.GroupingSets[s].Count];
            for (int k = 0; k < keyTypes.Length; k++) keyTypes[k] = plan.KeyTypes[plan.GroupingSets[s][k]];
            _tables[s] = new GroupKeyTable(keyTypes, context.Memory);
            _states[s] = new IGroupedAggregate[plan.Aggregates.Count];
            _distinctSeen[s] = new GroupKeyTable?[plan.Aggregates.Count];
            for (int a = 0; a < plan.Aggregates.Count; a++) _states[s][a] = plan.Aggregates[a].Create();
        }
    }

    /// <summary>Folds one input batch into every grouping set.</summary>
    public void Consume(Batch input)
    {
        if (_plan.HasOrderedAggregates) _orderedInput.Add(input);
        Accumulate(input, orderedPass: false);
    }

    private void Accumulate(Batch input, bool orderedPass)
    {
        int n = input.RowCount;
        if (n == 0) return;
        if (_groupIds.Length < n)
        {
            _groupIds = new int[n];
            _selection = new int[n];
        }
        var keys = new ColumnVector[_plan.KeyExpressions.Count];
        for (int k = 0; k < keys.Length; k++) keys[k] = _plan.KeyExpressions[k].Evaluate(input, _context);
        var args = new ColumnVector[_plan.Aggregates.Count][];
        var filters = new ColumnVector<bool>?[_plan.Aggregates.Count];
        for (int a = 0; a < args.Length; a++)
        {
            var spec = _plan.Aggregates[a];
            if ((spec.OrderExpressions.Count > 0) != orderedPass) continue;
            args[a] = new ColumnVector[spec.Arguments.Count];
            for (int i = 0; i < spec.Arguments.Count; i++) args[a][i] = spec.Arguments[i].Evaluate(input, _context);
            filters[a] = spec.Filter is null ? null : (ColumnVector<bool>)spec.Filter.Evaluate(input, _context);
        }

        for (int s = 0; s < _tables.Length; s++)
        {
            var set = _plan.GroupingSets[s];
            var setKeys = new ColumnVector[set.Count];
            for (int k = 0; k < setKeys.Length; k++) setKeys[k] = keys[set[k]];
            var table = _tables[s];
            int before = table.Count;
            table.FindOrInsert(setKeys, n, _groupIds);
            if (set.Count == 0 && table.Count == 0) ForceSingleGroup(s);
            int groups = Math.Max(table.Count, set.Count == 0 ? 1 : 0);
            if (groups > before) ReserveStates(groups - before);
            for (int a = 0; a < args.Length; a++)
            {
                if (args[a] is null) continue;
                var state = _states[s][a];
                state.EnsureGroups(groups);
                FeedAggregate(s, a, state, args[a], filters[a], n);
            }
        }
    }

    private void FeedAggregate(int set, int aggregate, IGroupedAggregate state, ColumnVector[] args, ColumnVector<bool>? filter, int n)
    {
        int count = n;
        bool compacted = false;
        if (filter is not null)
        {
            count = VectorOps.SelectTrue(filter, n, _selection);
            compacted = count < n;
        }
        else
        {
            for (int i = 0; i < n; i++) _selection[i] = i;
        }
        if (count == 0) return;
        if (_plan.Aggregates[aggregate].Distinct) count = KeepFirstOccurrences(set, aggregate, args, count, ref compacted);
        if (count == 0) return;
        if (!compacted)
        {
            state.Update(args, _groupIds.AsSpan(0, n), n);
            return;
        }
        var selection = _selection.AsSpan(0, count);
        var taken = new ColumnVector[args.Length];
        for (int i = 0; i < args.Length; i++) taken[i] = VectorSelection.Take(args[i], selection);
        var groupIds = new int[count];
        for (int i = 0; i < count; i++) groupIds[i] = _groupIds[selection[i]];
        state.Update(taken, groupIds, count);
    }

    /// <summary>DISTINCT: narrows the selection to rows whose (group, arguments) tuple was not fed before.</summary>
    private int KeepFirstOccurrences(int set, int aggregate, ColumnVector[] args, int count, ref bool compacted)
    {
        var selection = _selection.AsSpan(0, count);
        var columns = new ColumnVector[args.Length + 1];
        var groupColumn = new int[count];
        for (int i = 0; i < count; i++) groupColumn[i] = _groupIds[selection[i]];
        columns[0] = new ColumnVector<int>(SqlType.Integer, groupColumn, count);
        for (int i = 0; i < args.Length; i++) columns[i + 1] = VectorSelection.Take(args[i], selection);
        var seen = _distinctSeen[set][aggregate];
        if (seen is null)
        {
            var types = new SqlType[columns.Length];
            for (int i = 0; i < types.Length; i++) types[i] = columns[i].Type;
            seen = _distinctSeen[set][aggregate] = new GroupKeyTable(types, _context.Memory);
        }
        int before = seen.Count;
        var ids = new int[count];
        seen.FindOrInsert(columns, count, ids);
        int added = seen.Count - before;
        if (_fresh.Length < added) _fresh = new bool[Math.Max(added, _fresh.Length * 2)];
        Array.Clear(_fresh, 0, added);
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            int fresh = ids[i] - before;
            if (fresh < 0 || _fresh[fresh]) continue;
            _fresh[fresh] = true;
            _selection[kept++] = selection[i];
        }
        if (kept < count) compacted = true;
        return kept;
    }

    private void ForceSingleGroup(int set)
    {
        // A grouping set without keys always has its one group, even before (or without) any row.
        _tables[set].FindOrInsert([], 1, stackalloc int[1]);
    }

    private void ReserveStates(int newGroups)
    {
        long bytes = 16L * newGroups * Math.Max(1, _plan.Aggregates.Count);
        _context.Memory.Reserve(bytes, "aggregate states");
        _reservedForStates += bytes;
    }

    /// <summary>Adds another partition's groups and partial states into this one (same plan).</summary>
    public void MergeFrom(AggregationState other)
    {
        for (int s = 0; s < _tables.Length; s++)
        {
            var source = other._tables[s];
            int count = source.Count;
            if (count == 0) continue;
            var mapping = new int[count];
            int before = _tables[s].Count;
            _tables[s].FindOrInsert(source.KeyVectors(0, count), count, mapping);
            if (_tables[s].Count > before) ReserveStates(_tables[s].Count - before);
            for (int a = 0; a < _plan.Aggregates.Count; a++)
            {
                _states[s][a].EnsureGroups(_tables[s].Count);
                _states[s][a].Merge(other._states[s][a], mapping);
            }
        }
        other.Release();
    }

    /// <summary>The result rows: per grouping set, its keys (NULL for keys outside the set), the aggregates and the set index.</summary>
    public List<Batch> Finish()
    {
        if (_plan.HasOrderedAggregates) FeedOrderedAggregates();
        var output = new List<Batch>();
        for (int s = 0; s < _tables.Length; s++)
        {
            var set = _plan.GroupingSets[s];
            if (set.Count == 0 && _tables[s].Count == 0) ForceSingleGroup(s);
            int groups = _tables[s].Count;
            if (groups == 0) continue;
            var setKeys = _tables[s].KeyVectors(0, groups);
            var columns = new List<ColumnVector>(_plan.OutputTypes.Count);
            for (int k = 0; k < _plan.KeyTypes.Count; k++)
            {
                int position = IndexOf(set, k);
                columns.Add(position >= 0 ? setKeys[position] : ColumnVector.AllNull(_plan.KeyTypes[k], groups));
            }
            for (int a = 0; a < _plan.Aggregates.Count; a++)
            {
                _states[s][a].EnsureGroups(groups);
                columns.Add(_states[s][a].Finish(groups));
            }
            if (_plan.EmitGroupingSetColumn) columns.Add(VectorOps.Constant(SqlType.Integer, s, groups));
            var all = new Batch(columns, groups);
            for (int start = 0; start < groups; start += Batch.DefaultCapacity)
                output.Add(VectorSelection.Slice(all, start, Math.Min(Batch.DefaultCapacity, groups - start)));
        }
        Release();
        return output;
    }

    private void FeedOrderedAggregates()
    {
        if (_orderedInput.Count == 0) return;
        var all = VectorOps.Concat(_plan.InputTypes, _orderedInput, "an ordered aggregate");
        _orderedInput.Clear();
        for (int a = 0; a < _plan.Aggregates.Count; a++)
        {
            var spec = _plan.Aggregates[a];
            if (spec.OrderExpressions.Count == 0) continue;
            var orderColumns = new ColumnVector[spec.OrderExpressions.Count];
            for (int i = 0; i < orderColumns.Length; i++) orderColumns[i] = spec.OrderExpressions[i].Evaluate(all, _context);
            var permutation = SortOperator.SortPermutation(new Batch(orderColumns, all.RowCount), spec.OrderKeys, _context);
            var ordered = VectorSelection.Take(all, permutation);
            var single = new AggregatePlan(_plan.InputTypes, _plan.KeyExpressions, _plan.KeyTypes, _plan.GroupingSets,
                [spec with { OrderExpressions = [], OrderKeys = [] }], false);
            var pass = new AggregationState(single, _context);
            pass.Accumulate(ordered, orderedPass: false);
            // Same keys in the same order: map the pass's groups onto ours and adopt its states.
            for (int s = 0; s < _tables.Length; s++)
            {
                int count = pass._tables[s].Count;
                if (count == 0) continue;
                var mapping = new int[count];
                _tables[s].FindOrInsert(pass._tables[s].KeyVectors(0, count), count, mapping);
                var fresh = spec.Create();
                fresh.EnsureGroups(_tables[s].Count);
                fresh.Merge(pass._states[s][0], mapping);
                _states[s][a] = fresh;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<int> set, int key)
    {
        for (int i = 0; i < set.Count; i++)
            if (set[i] == key) return i;
        return -1;
    }

    private void Release()
    {
        foreach (var t in _tables) t.ReleaseMemory();
        foreach (var perSet in _distinctSeen)
            foreach (var t in perSet) t?.ReleaseMemory();
        _context.Memory.Release(_reservedForStates);
        _reservedForStates = 0;
    }
}
