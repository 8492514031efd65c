using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution.Operators.Sort;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Planning.Logical;
using SortKey = ActorWarehouse.Engine.Execution.Operators.Sort.SortKey;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Window;

/// <summary>
/// Window functions. The input is materialized; for each call its rows are ordered by (PARTITION BY, ORDER BY)
/// with a stable sort, partitions and peer groups are found, and the function is computed over positions in
/// that order, then scattered back so the output keeps input order with one new column per call.
/// Aggregates over a frame use the functions library's grouped states: the whole partition in one pass, running
/// frames (UNBOUNDED PRECEDING .. CURRENT ROW) by a log-step prefix combination of partial states, and other
/// frames by feeding each row's frame explicitly (bounded by <see cref="MaxFramePairs"/>).
/// </summary>
public sealed class WindowOperator : Operator
{
    /// <summary>Largest total frame size (sum over rows) fed explicitly before failing with 54000.</summary>
    public const long MaxFramePairs = 200_000_000;

    private readonly Operator _input;
    private readonly IReadOnlyList<WindowSpec> _specs;
    private readonly QueryContext _context;
    private Batch? _result;
    private int _position;

    public WindowOperator(Operator input, IReadOnlyList<WindowSpec> specs, QueryContext context)
        : base([.. input.OutputTypes, .. specs.Select(s => s.Type)])
    {
        _input = input;
        _specs = specs;
        _context = context;
    }

    public override Batch? Next()
    {
        _result ??= Compute();
        if (_position >= _result.RowCount) return null;
        int count = Math.Min(Batch.DefaultCapacity, _result.RowCount - _position);
        var batch = VectorSelection.Slice(_result, _position, count);
        _position += count;
        return batch;
    }

    private Batch Compute()
    {
        var batches = new List<Batch>();
        long reserved = 0;
        while (_input.Next() is { } batch)
        {
            _context.ThrowIfCancelled();
            long bytes = VectorOps.EstimateBytes(batch);
            _context.Memory.Reserve(bytes, "a window function");
            reserved += bytes;
            batches.Add(batch);
        }
        var inputTypes = _input.OutputTypes;
        var all = batches.Count == 0
            ? new Batch(inputTypes.Select(t => ColumnVector.Allocate(t, 0)).ToArray(), 0)
            : VectorOps.Concat(inputTypes, batches, "a window function");
        var columns = new List<ColumnVector>(all.Columns);
        foreach (var spec in _specs)
        {
            _context.ThrowIfCancelled();
            columns.Add(all.RowCount == 0 ? ColumnVector.Allocate(spec.Type, 0) : new WindowEvaluation(all, spec, _context).Run());
        }
        _context.Memory.Release(reserved);
        return new Batch(columns, all.RowCount);
    }

    public override void Dispose()
    {
        _input.Dispose();
        base.Dispose();
    }
}

/// <summary>The computation of one window call over one materialized input.</summary>
internal sealed class WindowEvaluation
{
    private readonly Batch _all;
    private readonly WindowSpec _spec;
    private readonly QueryContext _context;
    private readonly int _n;
    private readonly int[] _perm;          // sorted position -> input row
    private readonly int[] _partOf;        // sorted position -> partition index
    private readonly int[] _partStart;     // partition -> first position
    private readonly int[] _partEnd;       // partition -> end position (exclusive)
    private readonly int[] _peerOf;        // sorted position -> peer group index (global)
    private readonly int[] _peerStart;
    private readonly int[] _peerEnd;

    public WindowEvaluation(Batch all, WindowSpec spec, QueryContext context)
    {
        _all = all;
        _spec = spec;
        _context = context;
        _n = all.RowCount;
        int p = spec.PartitionBy.Count;
        var keyColumns = new ColumnVector[p + spec.OrderBy.Count];
        var keys = new List<SortKey>();
        for (int i = 0; i < p; i++)
        {
            keyColumns[i] = spec.PartitionBy[i].Evaluate(all, context);
            keys.Add(new SortKey(i, false, false));
        }
        for (int j = 0; j < spec.OrderBy.Count; j++)
        {
            keyColumns[p + j] = spec.OrderBy[j].Expression.Evaluate(all, context);
            keys.Add(new SortKey(p + j, spec.OrderBy[j].Descending, spec.OrderBy[j].NullsFirst));
        }
        var keyBatch = new Batch(keyColumns, _n);
        _perm = SortOperator.SortPermutation(keyBatch, keys, context);
        var partitionComparer = new RowComparer(keyBatch, keys.Take(p).ToArray());
        var orderComparer = new RowComparer(keyBatch, keys.Skip(p).ToArray());

        _partOf = new int[_n];
        _peerOf = new int[_n];
        var partStart = new List<int>();
        var peerStart = new List<int>();
        for (int pos = 0; pos < _n; pos++)
        {
            bool newPartition = pos == 0 || (p > 0 && !partitionComparer.AreEqual(_perm[pos - 1], _perm[pos]));
            bool newPeer = newPartition || (spec.OrderBy.Count > 0 && !orderComparer.AreEqual(_perm[pos - 1], _perm[pos]));
            if (newPartition) partStart.Add(pos);
            if (newPeer) peerStart.Add(pos);
            _partOf[pos] = partStart.Count - 1;
            _peerOf[pos] = peerStart.Count - 1;
        }
        _partStart = [.. partStart];
        _partEnd = new int[_partStart.Length];
        for (int i = 0; i < _partStart.Length; i++) _partEnd[i] = i + 1 < _partStart.Length ? _partStart[i + 1] : _n;
        _peerStart = [.. peerStart];
        _peerEnd = new int[_peerStart.Length];
        for (int i = 0; i < _peerStart.Length; i++) _peerEnd[i] = i + 1 < _peerStart.Length ? _peerStart[i + 1] : _n;
        OrderKey = spec.OrderBy.Count == 1 ? keyColumns[p] : null;
    }

    private ColumnVector? OrderKey { get; }

    public ColumnVector Run() => _spec.Kind switch
    {
        WindowFunctionKind.RowNumber => Integers(pos => pos - _partStart[_partOf[pos]] + 1),
        WindowFunctionKind.Rank => Integers(pos => _peerStart[_peerOf[pos]] - _partStart[_partOf[pos]] + 1),
        WindowFunctionKind.DenseRank => Integers(pos => _peerOf[pos] - _peerOf[_partStart[_partOf[pos]]] + 1),
        WindowFunctionKind.PercentRank => Doubles(pos =>
        {
            int part = _partOf[pos];
            int size = _partEnd[part] - _partStart[part];
            return size <= 1 ? 0 : (double)(_peerStart[_peerOf[pos]] - _partStart[part]) / (size - 1);
        }),
        WindowFunctionKind.CumeDist => Doubles(pos =>
        {
            int part = _partOf[pos];
            return (double)(_peerEnd[_peerOf[pos]] - _partStart[part]) / (_partEnd[part] - _partStart[part]);
        }),
        WindowFunctionKind.Ntile => Ntile(),
        WindowFunctionKind.Lag or WindowFunctionKind.Lead => LagLead(_spec.Kind == WindowFunctionKind.Lag),
        WindowFunctionKind.FirstValue or WindowFunctionKind.LastValue or WindowFunctionKind.NthValue => FrameValue(),
        WindowFunctionKind.Aggregate => Aggregate(),
        _ => throw SqlException.NotSupported($"window function {_spec.Kind}"),
    };

    private ColumnVector Integers(Func<int, long> valueAt)
    {
        var values = new long[_n];
        for (int pos = 0; pos < _n; pos++) values[_perm[pos]] = valueAt(pos);
        return IntegerVector(values, _spec.Type);
    }

    private ColumnVector Doubles(Func<int, double> valueAt)
    {
        var values = new double[_n];
        for (int pos = 0; pos < _n; pos++) values[_perm[pos]] = valueAt(pos);
        return new ColumnVector<double>(_spec.Type, values, _n);
    }

    private static ColumnVector IntegerVector(long[] values, SqlType type, ValidityBitmap? validity = null)
    {
        switch (type.Id)
        {
            case TypeId.Integer:
                var ints = new int[values.Length];
                for (int i = 0; i < ints.Length; i++) ints[i] = (int)values[i];
                return new ColumnVector<int>(type, ints, values.Length, validity);
            case TypeId.SmallInt:
                var shorts = new short[values.Length];
                for (int i = 0; i < shorts.Length; i++) shorts[i] = (short)values[i];
                return new ColumnVector<short>(type, shorts, values.Length, validity);
            case TypeId.Double:
                var doubles = new double[values.Length];
                for (int i = 0; i < doubles.Length; i++) doubles[i] = values[i];
                return new ColumnVector<double>(type, doubles, values.Length, validity);
            default:
                return new ColumnVector<long>(type, values, values.Length, validity);
        }
    }

    private ColumnVector Ntile()
    {
        var buckets = _spec.Arguments[0].Evaluate(_all, _context);
        var values = new long[_n];
        ValidityBitmap? validity = null;
        for (int part = 0; part < _partStart.Length; part++)
        {
            int start = _partStart[part], end = _partEnd[part];
            int firstRow = _perm[start];
            if (buckets.IsNull(firstRow))
            {
                validity ??= new ValidityBitmap(_n);
                for (int pos = start; pos < end; pos++) validity.SetNull(_perm[pos]);
                continue;
            }
            long n = Convert.ToInt64(buckets.GetBoxed(firstRow), System.Globalization.CultureInfo.InvariantCulture);
            if (n <= 0) throw new SqlException(SqlState.InvalidParameterValue, "argument of ntile must be greater than zero");
            long size = end - start;
            long per = size / n, extra = size % n;
            // The first `extra` buckets hold per+1 rows, the rest per rows.
            for (int pos = start; pos < end; pos++)
            {
                long i = pos - start;
                long bucket = i < extra * (per + 1) ? i / (per + 1) : extra + (i - extra * (per + 1)) / Math.Max(per, 1);
                values[_perm[pos]] = bucket + 1;
            }
        }
        return IntegerVector(values, _spec.Type, validity);
    }

    private ColumnVector LagLead(bool lag)
    {
        var value = _spec.Arguments[0].Evaluate(_all, _context);
        var offsets = _spec.Arguments.Count > 1 ? _spec.Arguments[1].Evaluate(_all, _context) : null;
        var source = new int[_n];
        var useDefault = new List<int>();
        var nullOffset = new List<int>();
        for (int pos = 0; pos < _n; pos++)
        {
            int row = _perm[pos];
            if (offsets is not null && offsets.IsNull(row))
            {
                source[row] = -1;
                nullOffset.Add(row);
                continue;
            }
            long offset = offsets is null ? 1 : Convert.ToInt64(offsets.GetBoxed(row), System.Globalization.CultureInfo.InvariantCulture);
            if (lag) offset = -offset;
            int part = _partOf[pos];
            long target;
            if (_spec.IgnoreNulls && offset != 0)
            {
                target = pos;
                long step = Math.Sign(offset), remaining = Math.Abs(offset);
                while (remaining > 0)
                {
                    target += step;
                    if (target < _partStart[part] || target >= _partEnd[part]) break;
                    if (!value.IsNull(_perm[target])) remaining--;
                }
            }
            else
            {
                target = pos + offset;
            }
            if (target < _partStart[part] || target >= _partEnd[part])
            {
                source[row] = -1;
                useDefault.Add(row);
            }
            else
            {
                source[row] = _perm[target];
            }
        }
        var result = VectorSelection.Take(value, source);
        if (_spec.Arguments.Count > 2 && useDefault.Count > 0)
        {
            var defaults = _spec.Arguments[2].Evaluate(_all, _context);
            var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(useDefault);
            result = VectorOps.Scatter(VectorSelection.Take(defaults, rows), result, rows);
        }
        return result;
    }

    private ColumnVector FrameValue()
    {
        var value = _spec.Arguments[0].Evaluate(_all, _context);
        var nth = _spec.Kind == WindowFunctionKind.NthValue ? _spec.Arguments[1].Evaluate(_all, _context) : null;
        var frames = new FrameBounds(this);
        var source = new int[_n];
        Span<int> runStarts = stackalloc int[FrameBounds.MaxRuns];
        Span<int> runEnds = stackalloc int[FrameBounds.MaxRuns];
        for (int pos = 0; pos < _n; pos++)
        {
            int row = _perm[pos];
            var (s, e) = frames.At(pos);
            int runs = frames.Runs(pos, s, e, runStarts, runEnds);
            int chosen = -1;
            switch (_spec.Kind)
            {
                case WindowFunctionKind.FirstValue:
                    for (int r = 0; r < runs && chosen < 0; r++)
                        for (int q = runStarts[r]; q < runEnds[r]; q++)
                            if (!_spec.IgnoreNulls || !value.IsNull(_perm[q])) { chosen = q; break; }
                    break;
                case WindowFunctionKind.LastValue:
                    for (int r = runs - 1; r >= 0 && chosen < 0; r--)
                        for (int q = runEnds[r] - 1; q >= runStarts[r]; q--)
                            if (!_spec.IgnoreNulls || !value.IsNull(_perm[q])) { chosen = q; break; }
                    break;
                default:
                    if (nth!.IsNull(row)) break;
                    long k = Convert.ToInt64(nth.GetBoxed(row), System.Globalization.CultureInfo.InvariantCulture);
                    if (k <= 0) throw new SqlException(SqlState.InvalidParameterValue, "argument of nth_value must be greater than zero");
                    for (int r = 0; r < runs && chosen < 0; r++)
                    {
                        for (int q = runStarts[r]; q < runEnds[r]; q++)
                        {
                            if (_spec.IgnoreNulls && value.IsNull(_perm[q])) continue;
                            if (--k == 0) { chosen = q; break; }
                        }
                    }
                    break;
            }
            source[row] = chosen < 0 ? -1 : _perm[chosen];
        }
        return VectorSelection.Take(value, source);
    }

    private ColumnVector Aggregate()
    {
        var args = new ColumnVector[_spec.Arguments.Count];
        for (int i = 0; i < args.Length; i++) args[i] = _spec.Arguments[i].Evaluate(_all, _context);
        var frame = _spec.Frame;
        // Frames with an EXCLUDE clause are not contiguous: they take the explicit per-row path.
        if (frame.Exclusion != FrameExclusion.NoOthers) return ByExplicitFrames(args);
        bool fromStart = frame.Start.Kind == FrameBoundKind.UnboundedPreceding;
        bool wholePartition = fromStart && (frame.End.Kind == FrameBoundKind.UnboundedFollowing
            || (frame.End.Kind == FrameBoundKind.CurrentRow && frame.Units == FrameUnits.Range && _spec.OrderBy.Count == 0));
        if (wholePartition) return BySegments(args, pos => _partOf[pos], _partStart.Length, running: false);
        if (fromStart && frame.End.Kind == FrameBoundKind.CurrentRow)
        {
            return frame.Units == FrameUnits.Range
                ? BySegments(args, pos => _peerOf[pos], _peerStart.Length, running: true)
                : BySegments(args, pos => pos, _n, running: true);
        }
        return ByExplicitFrames(args);
    }

    /// <summary>
    /// Aggregates per segment (partition, peer group or row). With <paramref name="running"/> each segment's
    /// result covers every earlier segment of its partition too: an inclusive prefix scan in log2 rounds, each
    /// round merging the states shifted by a power of two (earlier states first, keeping value order).
    /// </summary>
    private ColumnVector BySegments(ColumnVector[] args, Func<int, int> segmentOf, int segments, bool running)
    {
        var create = _spec.CreateAggregate!;
        var groupIds = new int[_n];
        var segmentAtPos = new int[_n];
        for (int pos = 0; pos < _n; pos++)
        {
            int seg = segmentOf(pos);
            segmentAtPos[pos] = seg;
            groupIds[_perm[pos]] = seg;
        }
        int sink = segments;
        var state = create();
        state.EnsureGroups(segments + 1);
        state.Update(args, groupIds, _n);
        if (running)
        {
            var segmentPartition = new int[segments];
            for (int pos = 0; pos < _n; pos++) segmentPartition[segmentAtPos[pos]] = _partOf[pos];
            var identity = new int[segments + 1];
            for (int g = 0; g <= segments; g++) identity[g] = g;
            var shifted = new int[segments + 1];
            for (int d = 1; d < segments; d <<= 1)
            {
                _context.ThrowIfCancelled();
                bool any = false;
                for (int g = 0; g < segments; g++)
                {
                    bool inside = g + d < segments && segmentPartition[g + d] == segmentPartition[g];
                    shifted[g] = inside ? g + d : sink;
                    any |= inside;
                }
                shifted[sink] = sink;
                if (!any) break;
                var next = create();
                next.EnsureGroups(segments + 1);
                next.Merge(state, shifted);
                next.Merge(state, identity);
                state = next;
            }
        }
        var finished = state.Finish(segments + 1);
        return VectorSelection.Take(finished, groupIds);
    }

    private ColumnVector ByExplicitFrames(ColumnVector[] args)
    {
        var frames = new FrameBounds(this);
        long total = 0;
        var bounds = new (int Start, int End)[_n];
        Span<int> runStarts = stackalloc int[FrameBounds.MaxRuns];
        Span<int> runEnds = stackalloc int[FrameBounds.MaxRuns];
        for (int pos = 0; pos < _n; pos++)
        {
            bounds[pos] = frames.At(pos);
            total += bounds[pos].End - bounds[pos].Start;
        }
        if (total > WindowOperator.MaxFramePairs)
            throw new SqlException(SqlState.ProgramLimitExceeded, "window frames are too large to evaluate",
                detail: $"The frames cover {total} rows in total; at most {WindowOperator.MaxFramePairs} are supported for this frame shape.");
        var state = _spec.CreateAggregate!();
        state.EnsureGroups(_n);
        const int Chunk = 65_536;
        var sources = new List<int>(Chunk);
        var groups = new List<int>(Chunk);
        for (int pos = 0; pos < _n; pos++)
        {
            var (s, e) = bounds[pos];
            int runs = frames.Runs(pos, s, e, runStarts, runEnds);
            for (int r = 0; r < runs; r++)
            {
                for (int q = runStarts[r]; q < runEnds[r]; q++)
                {
                    sources.Add(_perm[q]);
                    groups.Add(_perm[pos]);
                    if (sources.Count == Chunk) Feed(state, args, sources, groups);
                }
            }
        }
        if (sources.Count > 0) Feed(state, args, sources, groups);
        return state.Finish(_n);
    }

    private void Feed(Functions.IGroupedAggregate state, ColumnVector[] args, List<int> sources, List<int> groups)
    {
        _context.ThrowIfCancelled();
        var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sources);
        var taken = new ColumnVector[args.Length];
        for (int i = 0; i < args.Length; i++) taken[i] = VectorSelection.Take(args[i], rows);
        state.Update(taken, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups), rows.Length);
        sources.Clear();
        groups.Clear();
    }

    /// <summary>Frame [start, end) in sorted positions for each position, per the call's ROWS/RANGE frame.</summary>
    private sealed class FrameBounds
    {
        private readonly WindowEvaluation _w;
        private readonly long _startOffset;
        private readonly long _endOffset;
        private readonly double _startRange;
        private readonly double _endRange;
        private readonly double[]? _keys;     // RANGE offset frames: the order key as a number, negated for DESC
        private readonly bool[]? _keyNull;

        public FrameBounds(WindowEvaluation w)
        {
            _w = w;
            var frame = w._spec.Frame;
            bool rangeOffsets = frame.Units == FrameUnits.Range
                && (frame.Start.Kind is FrameBoundKind.Preceding or FrameBoundKind.Following || frame.End.Kind is FrameBoundKind.Preceding or FrameBoundKind.Following);
            if (frame.Units == FrameUnits.Rows)
            {
                _startOffset = RowsOffset(frame.Start);
                _endOffset = RowsOffset(frame.End);
            }
            if (rangeOffsets)
            {
                if (w.OrderKey is null)
                    throw new SqlException(SqlState.WindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
                (_keys, _keyNull) = Numeric(w.OrderKey, w._spec.OrderBy[0].Descending, frame);
                _startRange = RangeOffset(frame.Start, w.OrderKey.Type);
                _endRange = RangeOffset(frame.End, w.OrderKey.Type);
            }
        }

        private long RowsOffset(WindowFrameBound bound)
        {
            if (bound.Offset is null) return 0;
            var v = bound.Offset.Evaluate(new Batch([], 1), _w._context);
            if (v.IsNull(0)) throw new SqlException(SqlState.InvalidParameterValue, "frame starting offset must not be null");
            long offset = Convert.ToInt64(v.GetBoxed(0), System.Globalization.CultureInfo.InvariantCulture);
            if (offset < 0) throw new SqlException(SqlState.InvalidParameterValue, "frame starting offset must not be negative");
            return offset;
        }

        private double RangeOffset(WindowFrameBound bound, SqlType keyType)
        {
            if (bound.Offset is null) return 0;
            var v = bound.Offset.Evaluate(new Batch([], 1), _w._context);
            if (v.IsNull(0)) throw new SqlException(SqlState.InvalidParameterValue, "frame starting offset must not be null");
            double offset = v switch
            {
                ColumnVector<Interval> i => (double)i.Values[0].OrderingKey,
                ColumnVector<long> l when v.Type.Id == TypeId.Decimal => l.Values[0] / Math.Pow(10, v.Type.Scale),
                _ => Convert.ToDouble(v.GetBoxed(0), System.Globalization.CultureInfo.InvariantCulture),
            };
            if (keyType.Id == TypeId.Date && v is not ColumnVector<Interval>) offset *= Interval.MicrosPerDay;
            if (offset < 0) throw new SqlException(SqlState.InvalidParameterValue, "invalid preceding or following size in window function");
            return offset;
        }

        private static (double[], bool[]) Numeric(ColumnVector key, bool descending, WindowFrameSpec frame)
        {
            int n = key.Length;
            var values = new double[n];
            var nulls = new bool[n];
            double sign = descending ? -1 : 1;
            for (int i = 0; i < n; i++)
            {
                if (key.IsNull(i))
                {
                    nulls[i] = true;
                    continue;
                }
                double v = key switch
                {
                    ColumnVector<int> x when key.Type.Id == TypeId.Date => x.Values[i] * (double)Interval.MicrosPerDay,
                    ColumnVector<int> x => x.Values[i],
                    ColumnVector<long> x when key.Type.Id == TypeId.Decimal => x.Values[i] / Math.Pow(10, key.Type.Scale),
                    ColumnVector<long> x => x.Values[i],
                    ColumnVector<short> x => x.Values[i],
                    ColumnVector<double> x => x.Values[i],
                    ColumnVector<float> x => x.Values[i],
                    ColumnVector<Int128> x => (double)x.Values[i] / Math.Pow(10, key.Type.Scale),
                    _ => throw SqlException.NotSupported($"RANGE offset frames over {key.Type}"),
                };
                values[i] = sign * v;
            }
            return (values, nulls);
        }

        /// <summary>Most runs a frame splits into: before the excluded rows, the kept current row (TIES), after.</summary>
        public const int MaxRuns = 3;

        /// <summary>
        /// The frame [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="pos"/> minus the rows the
        /// EXCLUDE clause removes, as ordered non-empty runs [starts[i], ends[i]); returns how many.
        /// </summary>
        public int Runs(int pos, int start, int end, Span<int> starts, Span<int> ends)
        {
            var exclusion = _w._spec.Frame.Exclusion;
            if (exclusion == FrameExclusion.NoOthers)
            {
                starts[0] = start;
                ends[0] = end;
                return start < end ? 1 : 0;
            }
            int peer = _w._peerOf[pos];
            int excludedStart = exclusion == FrameExclusion.CurrentRow ? pos : _w._peerStart[peer];
            int excludedEnd = exclusion == FrameExclusion.CurrentRow ? pos + 1 : _w._peerEnd[peer];
            int count = 0;
            int beforeEnd = Math.Min(end, excludedStart);
            if (start < beforeEnd)
            {
                starts[count] = start;
                ends[count++] = beforeEnd;
            }
            if (exclusion == FrameExclusion.Ties && pos >= start && pos < end)
            {
                starts[count] = pos;
                ends[count++] = pos + 1;
            }
            int afterStart = Math.Max(start, excludedEnd);
            if (afterStart < end)
            {
                starts[count] = afterStart;
                ends[count++] = end;
            }
            return count;
        }

        public (int Start, int End) At(int pos)
        {
            var w = _w;
            var frame = w._spec.Frame;
            int part = w._partOf[pos];
            int ps = w._partStart[part], pe = w._partEnd[part];
            int peer = w._peerOf[pos];
            int start = Edge(frame.Start, pos, ps, pe, w._peerStart[peer], w._peerEnd[peer], isStart: true, _startOffset, _startRange);
            int end = Edge(frame.End, pos, ps, pe, w._peerStart[peer], w._peerEnd[peer], isStart: false, _endOffset, _endRange);
            start = Math.Clamp(start, ps, pe);
            end = Math.Clamp(end, ps, pe);
            return (start, Math.Max(start, end));
        }

        private int Edge(WindowFrameBound bound, int pos, int ps, int pe, int peerStart, int peerEnd, bool isStart, long rows, double range)
        {
            var units = _w._spec.Frame.Units;
            switch (bound.Kind)
            {
                case FrameBoundKind.UnboundedPreceding: return ps;
                case FrameBoundKind.UnboundedFollowing: return pe;
                case FrameBoundKind.CurrentRow:
                    if (units == FrameUnits.Rows) return isStart ? pos : pos + 1;
                    return isStart ? peerStart : peerEnd;
            }
            bool preceding = bound.Kind == FrameBoundKind.Preceding;
            if (units == FrameUnits.Rows)
            {
                long target = preceding ? pos - rows : pos + rows;
                if (!isStart) target++;
                return (int)Math.Clamp(target, ps, pe);
            }
            // RANGE with an offset: rows whose key lies within key ∓ offset; NULL keys frame their NULL peers.
            int row = _w._perm[pos];
            if (_keyNull![row]) return isStart ? peerStart : peerEnd;
            double key = _keys![row] + (preceding ? -range : range);
            int lo = ps, hi = pe;
            while (lo < pe && _keyNull[_w._perm[lo]]) lo++;
            while (hi > lo && _keyNull[_w._perm[hi - 1]]) hi--;
            // isStart: first position with key >= bound; end: first position with key > bound.
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                double v = _keys[_w._perm[mid]];
                if (isStart ? v < key : v <= key) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }
}
