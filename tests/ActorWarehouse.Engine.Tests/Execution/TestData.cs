using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Execution;

/// <summary>Hand-built vectors, batches and row dumps for operator tests.</summary>
internal static class TestData
{
    public static ColumnVector<int> Ints(params int?[] values) => Make(SqlType.Integer, values, v => v ?? 0);

    public static ColumnVector<long> Longs(params long?[] values) => Make(SqlType.BigInt, values, v => v ?? 0);

    public static StringVector Texts(params string?[] values) => (StringVector)StringForms.Encode(Make(SqlType.Text, values, v => v ?? ""));

    public static ColumnVector<double> Doubles(params double?[] values) => Make(SqlType.Double, values, v => v ?? 0);

    public static ColumnVector<bool> Bools(params bool?[] values) => Make(SqlType.Boolean, values, v => v ?? false);

    private static ColumnVector<T> Make<T, TIn>(SqlType type, TIn[] values, Func<TIn, T> convert)
    {
        var array = new T[values.Length];
        ValidityBitmap? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            array[i] = convert(values[i]);
            if (values[i] is null)
            {
                validity ??= new ValidityBitmap(values.Length);
                validity.SetNull(i);
            }
        }
        return new ColumnVector<T>(type, array, values.Length, validity);
    }

    public static Batch Batch(params ColumnVector[] columns) => new(columns, columns[0].Length);

    public static Operator Source(params Batch[] batches) => new BatchSourceOperator(batches[0].Columns.Select(c => c.Type).ToArray(), batches);

    public static Operator Source(IReadOnlyList<SqlType> types, params Batch[] batches) => new BatchSourceOperator(types, batches);

    public static QueryContext Context(int workers = 2, CancellationToken token = default) => new(token, maxDegreeOfParallelism: workers);

    /// <summary>Every row as a string "a|b|NULL", in output order.</summary>
    public static List<string> Rows(Operator op)
    {
        var rows = new List<string>();
        using (op)
        {
            while (op.Next() is { } batch)
            {
                for (int r = 0; r < batch.RowCount; r++)
                    rows.Add(string.Join("|", batch.Columns.Select(c => c.GetBoxed(r) switch
                    {
                        null => "NULL",
                        bool b => b ? "t" : "f",
                        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                    })));
            }
        }
        return rows;
    }

    public static List<string> Sorted(IEnumerable<string> rows) => rows.OrderBy(r => r, StringComparer.Ordinal).ToList();
}
