using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>
/// <c>x [NOT] IN (list)</c> with SQL NULL semantics. A list of constants becomes a hash set built once;
/// other lists compare item by item.
/// </summary>
public sealed class InListExpression : CompiledExpression
{
    private readonly CompiledExpression _input;
    private readonly CompiledExpression[] _items;
    private readonly bool _negated;
    private readonly GroupKeyTable? _constants;
    private readonly bool _constantsHaveNull;

    /// <summary>A short list of string constants as UTF-8: compared byte-wise per row, no hashing.</summary>
    private readonly byte[][]? _stringConstants;
    private const int MaxLinearStrings = 8;

    // Probe scratch per thread: the compiled expression is shared by parallel partitions.
    [ThreadStatic]
    private static KeyTableScratch? t_scratch;

    public InListExpression(CompiledExpression input, CompiledExpression[] items, bool negated) : base(SqlType.Boolean)
    {
        _input = input;
        _items = items;
        _negated = negated;
        ReferencedColumns = Union(items.Append(input));
        if (items.Length > 0 && items.All(i => i is ConstantExpression))
        {
            var values = new List<ColumnVector>();
            foreach (var item in items.Cast<ConstantExpression>())
            {
                if (item.IsNull) _constantsHaveNull = true;
                else values.Add(item.Evaluate(new Batch([], 1), null!));
            }
            if (values.Count <= MaxLinearStrings && values.All(v => v is StringVector))
                _stringConstants = values.Select(v => ((StringVector)v).GetBytes(0).ToArray()).ToArray();
            _constants = new GroupKeyTable([input.Type]);
            if (values.Count > 0)
            {
                var all = Vectors.VectorOps.Concat(input.Type, values, "an IN list");
                _constants.FindOrInsert([all], all.Length, new int[all.Length]);
            }
        }
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        int n = input.RowCount;
        var value = _input.Evaluate(input, context);
        var result = new bool[n];
        var unknown = new bool[n];
        var valueValidity = value.Validity;
        if (_stringConstants is not null && value is StringVector strings)
        {
            for (int i = 0; i < n; i++)
            {
                if (valueValidity is not null && !valueValidity.IsValid(i)) { unknown[i] = true; continue; }
                var bytes = strings.GetBytes(i);
                foreach (var constant in _stringConstants)
                {
                    if (bytes.Length != constant.Length || !bytes.SequenceEqual(constant)) continue;
                    result[i] = true;
                    break;
                }
                if (!result[i]) unknown[i] = _constantsHaveNull;
            }
        }
        else if (_constants is not null)
        {
            var groups = new int[n];
            _constants.Find([value], n, groups, t_scratch ??= new KeyTableScratch());
            for (int i = 0; i < n; i++)
            {
                if (valueValidity is not null && !valueValidity.IsValid(i)) unknown[i] = true;
                else if (groups[i] >= 0) result[i] = true;
                else unknown[i] = _constantsHaveNull;
            }
        }
        else
        {
            foreach (var item in _items)
            {
                var other = item.Evaluate(input, context);
                var equal = ValueEquality.Equal(value, other, n);
                var otherValidity = other.Validity;
                for (int i = 0; i < n; i++)
                {
                    if (result[i]) continue;
                    bool isNull = (valueValidity is not null && !valueValidity.IsValid(i)) || (otherValidity is not null && !otherValidity.IsValid(i));
                    if (isNull) unknown[i] = true;
                    else if (equal[i]) result[i] = true;
                }
            }
        }
        ValidityBitmap? validity = null;
        for (int i = 0; i < n; i++)
        {
            if (result[i])
            {
                result[i] = !_negated;
            }
            else if (unknown[i])
            {
                validity ??= new ValidityBitmap(n);
                validity.SetNull(i);
            }
            else
            {
                result[i] = _negated;
            }
        }
        return new ColumnVector<bool>(SqlType.Boolean, result, n, validity);
    }
}
