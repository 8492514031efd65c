using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Join;

/// <summary>
/// Probes a shared <see cref="JoinHashTable"/> with the batches of one probe partition. Pairs of
/// (probe row, build row) with equal keys are produced in chunks of at most <see cref="ChunkPairs"/>,
/// the residual predicate (over left columns then right columns) filters them, and the join kind decides
/// what is emitted: matched pairs, NULL-extended unmatched rows, matched/unmatched left rows, or the left
/// rows with a mark. With no key columns this is a nested-loop join (every pair is a candidate).
/// </summary>
public sealed class HashJoinOperator : Operator
{
    public const int ChunkPairs = Batch.DefaultCapacity;

    private readonly Operator _probe;
    private readonly Func<JoinHashTable> _buildTable;
    private readonly IReadOnlyList<CompiledExpression> _probeKeys;
    private readonly JoinKind _kind;
    private readonly bool _buildIsLeft;
    private readonly CompiledExpression? _residual;
    private readonly IReadOnlyList<SqlType> _probeTypes;
    private readonly QueryContext _context;
    private readonly bool _preserveProbe;
    private readonly bool _preserveBuild;
    private readonly bool _existenceOnly;
    private readonly Queue<Batch> _output = new();
    private readonly KeyTableScratch _scratch = new();
    private readonly int[] _pairProbe = new int[ChunkPairs];
    private readonly int[] _pairBuild = new int[ChunkPairs];
    private readonly int[] _selection = new int[ChunkPairs];

    private JoinHashTable? _table;
    private Batch? _batch;
    private ColumnVector[] _keyVectors = [];
    private int[] _groups = [];
    private bool[] _probeMatched = [];
    private bool[] _keyNull = [];
    private bool[] _residualNull = [];
    private int _row;
    private int _chain = -2;
    private bool _finished;
    private long _nestedLoopPairs;

    public HashJoinOperator(
        Operator probe,
        Func<JoinHashTable> buildTable,
        IReadOnlyList<CompiledExpression> probeKeys,
        JoinKind kind,
        bool buildIsLeft,
        CompiledExpression? residual,
        IReadOnlyList<SqlType> buildTypes,
        QueryContext context)
        : base(OutputTypesOf(kind, buildIsLeft ? buildTypes : probe.OutputTypes, buildIsLeft ? probe.OutputTypes : buildTypes))
    {
        if (buildIsLeft && !kind.CanBuildOnLeft()) throw new ArgumentException($"a {kind} join builds on its right input", nameof(buildIsLeft));
        _probe = probe;
        _buildTable = buildTable;
        _probeKeys = probeKeys;
        _kind = kind;
        _buildIsLeft = buildIsLeft;
        _residual = residual;
        _probeTypes = probe.OutputTypes;
        _context = context;
        _preserveProbe = buildIsLeft ? kind.PreservesRight() : kind.PreservesLeft() || kind == JoinKind.Single;
        _preserveBuild = buildIsLeft ? kind.PreservesLeft() : kind.PreservesRight();
        _existenceOnly = residual is null && !buildIsLeft && kind is JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti or JoinKind.Mark;
        _reportsBuildRows = buildIsLeft && kind is JoinKind.Semi or JoinKind.Anti;
    }

    /// <summary>
    /// A semi/anti join built on its left input: probing only marks build rows as matched, and the last probe
    /// partition to finish emits the matched (semi) or never matched (anti) build rows.
    /// </summary>
    private readonly bool _reportsBuildRows;

    public static IReadOnlyList<SqlType> OutputTypesOf(JoinKind kind, IReadOnlyList<SqlType> left, IReadOnlyList<SqlType> right) => kind switch
    {
        JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti => left,
        JoinKind.Mark => [.. left, SqlType.Boolean],
        _ => [.. left, .. right],
    };

    public override Batch? Next()
    {
        _table ??= _buildTable();
        while (_output.Count == 0 && !_finished)
        {
            if (_batch is null && !StartProbeBatch())
            {
                FinishProbing();
                _finished = true;
                break;
            }
            // One probe batch can make hundreds of millions of pairs (a nested loop): check per chunk, not per batch.
            _context.ThrowIfCancelled();
            ProcessChunk();
        }
        return _output.Count > 0 ? _output.Dequeue() : null;
    }

    private bool StartProbeBatch()
    {
        var batch = _probe.Next();
        if (batch is null) return false;
        _context.ThrowIfCancelled();
        int n = batch.RowCount;
        _batch = batch;
        if (_groups.Length < n)
        {
            _groups = new int[n];
            _probeMatched = new bool[n];
            _keyNull = new bool[n];
            _residualNull = new bool[n];
        }
        if (_keyVectors.Length != _probeKeys.Count) _keyVectors = new ColumnVector[_probeKeys.Count];
        for (int k = 0; k < _probeKeys.Count; k++) _keyVectors[k] = _probeKeys[k].Evaluate(batch, _context);
        Array.Clear(_probeMatched, 0, n);
        Array.Clear(_keyNull, 0, n);
        Array.Clear(_residualNull, 0, n);
        foreach (var key in _keyVectors)
        {
            if (key.Validity is not { } validity) continue;
            for (int i = 0; i < n; i++) _keyNull[i] |= !validity.IsValid(i);
        }
        _table!.Find(_keyVectors, n, _groups, _scratch);
        _row = 0;
        _chain = -2;
        return true;
    }

    private void ProcessChunk()
    {
        var table = _table!;
        var batch = _batch!;
        int n = batch.RowCount;
        int pairs = 0;
        var head = table.Head;
        var next = table.NextRow;
        while (_row < n && pairs < ChunkPairs)
        {
            int g = _groups[_row];
            if (g < 0)
            {
                _row++;
                continue;
            }
            int b = _chain == -2 ? head[g] : _chain;
            while (b >= 0 && pairs < ChunkPairs)
            {
                _pairProbe[pairs] = _row;
                _pairBuild[pairs++] = b;
                b = _existenceOnly ? -1 : next[b];
            }
            if (b >= 0)
            {
                _chain = b;
                break;
            }
            _row++;
            _chain = -2;
        }

        if (pairs > 0) EmitPairs(pairs);
        if (_row >= n)
        {
            EmitBatchEnd();
            _batch = null;
        }
    }

    private void EmitPairs(int pairs)
    {
        var table = _table!;
        if (_probeKeys.Count == 0)
        {
            _nestedLoopPairs += pairs;
            if (_nestedLoopPairs > _context.MaxNestedLoopPairs)
                throw new SqlException(SqlState.ProgramLimitExceeded, "nested-loop join produces too many row pairs",
                    detail: $"More than {_context.MaxNestedLoopPairs} candidate row pairs; the join has no equality condition to hash on.",
                    hint: "Add an equality join condition or filter the inputs.");
        }
        bool needsOutput = _kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full or JoinKind.Single;
        Batch? candidates = null;
        if (_residual is not null)
        {
            // The residual sees only the columns it reads; the full pair rows are built for survivors only.
            var narrow = MakePairs(_pairProbe.AsSpan(0, pairs), _pairBuild.AsSpan(0, pairs), _residual.ReferencedColumns);
            var passed = (ColumnVector<bool>)_residual.Evaluate(narrow, _context);
            if (_kind == JoinKind.Mark && passed.Validity is { } unknown)
            {
                // A residual that is NULL for some pair makes IN's answer NULL unless another pair matches.
                for (int k = 0; k < pairs; k++)
                    if (!unknown.IsValid(k)) _residualNull[_pairProbe[k]] = true;
            }
            int kept = VectorOps.SelectTrue(passed, pairs, _selection);
            if (kept < pairs)
            {
                for (int k = 0; k < kept; k++)
                {
                    int i = _selection[k];
                    _pairProbe[k] = _pairProbe[i];
                    _pairBuild[k] = _pairBuild[i];
                }
                pairs = kept;
            }
        }
        if (pairs == 0) return;
        if (needsOutput) candidates = MakePairs(_pairProbe.AsSpan(0, pairs), _pairBuild.AsSpan(0, pairs));

        if (_kind == JoinKind.Single)
        {
            for (int k = 0; k < pairs; k++)
            {
                int row = _pairProbe[k];
                if (_probeMatched[row]) ThrowMoreThanOneRow();
                _probeMatched[row] = true;
            }
        }
        else
        {
            for (int k = 0; k < pairs; k++) _probeMatched[_pairProbe[k]] = true;
        }
        if (_preserveBuild || _reportsBuildRows)
        {
            var matched = table.Matched;
            for (int k = 0; k < pairs; k++) matched[_pairBuild[k]] = true;
        }
        if (_kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full or JoinKind.Single)
            _output.Enqueue(candidates!);
    }

    private void EmitBatchEnd()
    {
        var batch = _batch!;
        int n = batch.RowCount;
        var table = _table!;
        if (_reportsBuildRows) return;
        switch (_kind)
        {
            case JoinKind.Semi:
                EmitProbeRows(batch, wanted: true, skipNullKeys: false);
                break;
            case JoinKind.Anti:
                EmitProbeRows(batch, wanted: false, skipNullKeys: false);
                break;
            case JoinKind.NullAwareAnti:
                if (table.RowCount == 0) _output.Enqueue(batch);
                else if (!table.HasNullKey) EmitProbeRows(batch, wanted: false, skipNullKeys: true);
                break;
            case JoinKind.Mark:
                _output.Enqueue(WithMark(batch, table));
                break;
            default:
                if (_preserveProbe) EmitUnmatchedProbeRows(batch, n);
                break;
        }
    }

    private void EmitProbeRows(Batch batch, bool wanted, bool skipNullKeys)
    {
        int n = batch.RowCount;
        var selection = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            selection[count] = i;
            count += _probeMatched[i] == wanted && !(skipNullKeys && _keyNull[i]) ? 1 : 0;
        }
        if (count == n) _output.Enqueue(batch);
        else if (count > 0) _output.Enqueue(VectorSelection.Take(batch, selection.AsSpan(0, count)));
    }

    private static void ThrowMoreThanOneRow() =>
        throw new SqlException(SqlState.CardinalityViolation, "more than one row returned by a subquery used as an expression");

    private Batch WithMark(Batch batch, JoinHashTable table)
    {
        int n = batch.RowCount;
        var mark = new ColumnVector<bool>(SqlType.Boolean, new bool[n], n);
        bool buildEmpty = table.RowCount == 0;
        for (int i = 0; i < n; i++)
        {
            if (_probeMatched[i])
            {
                mark.Values[i] = true;
            }
            else if (!buildEmpty && (_keyNull[i] || table.HasNullKey || _residualNull[i]))
            {
                mark.Validity ??= new ValidityBitmap(n);
                mark.Validity.SetNull(i);
            }
        }
        var columns = new ColumnVector[batch.ColumnCount + 1];
        for (int c = 0; c < batch.ColumnCount; c++) columns[c] = batch.Columns[c];
        columns[^1] = mark;
        return new Batch(columns, n);
    }

    private void EmitUnmatchedProbeRows(Batch batch, int n)
    {
        int count = 0;
        var rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            rows[count] = i;
            count += _probeMatched[i] ? 0 : 1;
        }
        if (count == 0) return;
        var probeRows = rows.AsSpan(0, count);
        var nullBuild = new int[count];
        Array.Fill(nullBuild, -1);
        _output.Enqueue(MakePairs(probeRows, nullBuild));
    }

    private void FinishProbing()
    {
        var table = _table!;
        if (!table.FinishProbe()) return;
        if (_reportsBuildRows)
        {
            EmitBuildRows(table, wanted: _kind == JoinKind.Semi);
            return;
        }
        if (!_preserveBuild) return;
        var matched = table.Matched;
        var rows = new List<int>();
        for (int r = 0; r < table.RowCount; r++)
        {
            if (matched[r]) continue;
            rows.Add(r);
            if (rows.Count == Batch.DefaultCapacity) FlushUnmatchedBuild(rows);
        }
        if (rows.Count > 0) FlushUnmatchedBuild(rows);
    }

    /// <summary>The build rows whose matched flag equals <paramref name="wanted"/>, in build order, build columns only.</summary>
    private void EmitBuildRows(JoinHashTable table, bool wanted)
    {
        var matched = table.Matched;
        var rows = new int[Batch.DefaultCapacity];
        int count = 0;
        for (int r = 0; r < table.RowCount; r++)
        {
            if (matched[r] != wanted) continue;
            rows[count++] = r;
            if (count == rows.Length)
            {
                _output.Enqueue(VectorSelection.Take(table.Rows, rows));
                rows = new int[Batch.DefaultCapacity];
                count = 0;
            }
        }
        if (count > 0) _output.Enqueue(VectorSelection.Take(table.Rows, rows.AsSpan(0, count)));
    }

    private void FlushUnmatchedBuild(List<int> rows)
    {
        int count = rows.Count;
        var buildRows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var build = new ColumnVector[_table!.Types.Count];
        for (int c = 0; c < build.Length; c++) build[c] = VectorSelection.Take(_table.Rows.Columns[c], buildRows);
        var probe = new ColumnVector[_probeTypes.Count];
        for (int c = 0; c < probe.Length; c++) probe[c] = ColumnVector.AllNull(_probeTypes[c], count);
        _output.Enqueue(new Batch(_buildIsLeft ? [.. build, .. probe] : [.. probe, .. build], count));
        rows.Clear();
    }

    /// <summary>
    /// Left columns then right columns for the given probe and build rows (-1 = NULL-extended). With
    /// <paramref name="onlyColumns"/>, the other columns are NULL placeholders (for evaluating a residual).
    /// </summary>
    private Batch MakePairs(ReadOnlySpan<int> probeRows, ReadOnlySpan<int> buildRows, IReadOnlyList<int>? onlyColumns = null)
    {
        var batch = _batch!;
        var table = _table!;
        int count = probeRows.Length;
        var columns = new ColumnVector[batch.ColumnCount + table.Types.Count];
        int probeOffset = _buildIsLeft ? table.Types.Count : 0;
        int buildOffset = _buildIsLeft ? 0 : batch.ColumnCount;
        if (onlyColumns is null)
        {
            for (int c = 0; c < batch.ColumnCount; c++) columns[probeOffset + c] = VectorSelection.Take(batch.Columns[c], probeRows);
            for (int c = 0; c < table.Types.Count; c++) columns[buildOffset + c] = VectorSelection.Take(table.Rows.Columns[c], buildRows);
            return new Batch(columns, count);
        }
        for (int c = 0; c < columns.Length; c++) columns[c] = Placeholder(c, count);
        foreach (int c in onlyColumns)
        {
            columns[c] = c >= probeOffset && c < probeOffset + batch.ColumnCount
                ? VectorSelection.Take(batch.Columns[c - probeOffset], probeRows)
                : VectorSelection.Take(table.Rows.Columns[c - buildOffset], buildRows);
        }
        return new Batch(columns, count);
    }

    private ColumnVector[] _placeholders = [];

    /// <summary>An all-NULL column of the right type, reused while the length stays the same (never read).</summary>
    private ColumnVector Placeholder(int column, int length)
    {
        if (_placeholders.Length == 0) _placeholders = new ColumnVector[_batch!.ColumnCount + _table!.Types.Count];
        var cached = _placeholders[column];
        if (cached is not null && cached.Length == length) return cached;
        int probeOffset = _buildIsLeft ? _table!.Types.Count : 0;
        int buildOffset = _buildIsLeft ? 0 : _batch!.ColumnCount;
        var type = column >= probeOffset && column < probeOffset + _batch!.ColumnCount
            ? _probeTypes[column - probeOffset]
            : _table!.Types[column - buildOffset];
        return _placeholders[column] = ColumnVector.AllNull(type, length);
    }

    public override void Dispose()
    {
        _probe.Dispose();
        base.Dispose();
    }
}
