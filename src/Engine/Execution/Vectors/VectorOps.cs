using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Vectors;

/// <summary>
/// Whole-vector copies used by the operators: concatenate, scatter, constants. Row gathers and
/// range slices live in <see cref="VectorSelection"/>, shared with storage.
/// Each entry point dispatches on the element type once per call, then runs a typed loop.
/// </summary>
public static class VectorOps
{
    /// <summary>
    /// The vectors one after another (all of the same element type). <paramref name="operation"/> ("a sort", "a hash
    /// join build side", ...) names the caller in the 54000 error raised when the result cannot be one vector.
    /// </summary>
    public static ColumnVector Concat(SqlType type, IReadOnlyList<ColumnVector> parts, string operation)
    {
        if (parts.Count == 1) return parts[0];
        long rows = 0;
        foreach (var p in parts) rows += p.Length;
        if (rows > Array.MaxLength - 1)
            throw new SqlException(SqlState.ProgramLimitExceeded, $"more than {Array.MaxLength - 1} rows in one column in {operation}");
        int n = (int)rows;
        if (parts[0] is ColumnVector<string>) return ConcatTyped<string>(type, parts, n); // .NET strings inside a scalar function
        var probe = ColumnVector.Allocate(type, 0);
        return probe switch
        {
            ColumnVector<bool> => ConcatTyped<bool>(type, parts, n),
            ColumnVector<short> => ConcatTyped<short>(type, parts, n),
            ColumnVector<int> => ConcatTyped<int>(type, parts, n),
            ColumnVector<long> => ConcatTyped<long>(type, parts, n),
            ColumnVector<Int128> => ConcatTyped<Int128>(type, parts, n),
            ColumnVector<float> => ConcatTyped<float>(type, parts, n),
            ColumnVector<double> => ConcatTyped<double>(type, parts, n),
            StringVector => ConcatStrings(type, parts, n, operation),
            ColumnVector<Interval> => ConcatTyped<Interval>(type, parts, n),
            _ => throw new InvalidOperationException($"unexpected type {type}"),
        };
    }

    private static ColumnVector<T> ConcatTyped<T>(SqlType type, IReadOnlyList<ColumnVector> parts, int n)
    {
        var values = new T[n];
        ValidityBitmap? validity = null;
        int offset = 0;
        foreach (var part in parts)
        {
            var typed = (ColumnVector<T>)part;
            Array.Copy(typed.Values, 0, values, offset, typed.Length);
            if (typed.Validity is { } pv)
            {
                for (int i = 0; i < typed.Length; i++)
                {
                    if (!pv.IsValid(i))
                    {
                        validity ??= new ValidityBitmap(n);
                        validity.SetNull(offset + i);
                    }
                }
            }
            offset += typed.Length;
        }
        return new ColumnVector<T>(type, values, n, validity);
    }

    private static StringVector ConcatStrings(SqlType type, IReadOnlyList<ColumnVector> parts, int n, string operation)
    {
        long bytes = 0;
        foreach (var p in parts) bytes += ((StringVector)p).DataLength;
        StringDataLimit.Check(bytes, operation);
        var offsets = new int[n + 1];
        var data = GC.AllocateUninitializedArray<byte>((int)bytes);
        ValidityBitmap? validity = null;
        int row = 0, position = 0;
        foreach (var part in parts)
        {
            var strings = (StringVector)part;
            int first = strings.Offsets[0];
            Buffer.BlockCopy(strings.Data, first, data, position, strings.DataLength);
            for (int i = 1; i <= strings.Length; i++) offsets[row + i] = position + strings.Offsets[i] - first;
            if (strings.Validity is { } pv)
            {
                for (int i = 0; i < strings.Length; i++)
                {
                    if (pv.IsValid(i)) continue;
                    validity ??= new ValidityBitmap(n);
                    validity.SetNull(row + i);
                }
            }
            row += strings.Length;
            position += strings.DataLength;
        }
        return new StringVector(type, offsets, data, n, validity);
    }

    private static StringVector RepeatString(SqlType type, string value, int length)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        long bytes = (long)utf8.Length * length;
        StringDataLimit.Check(bytes, "a constant column");
        var builder = new StringVectorBuilder(length, (int)bytes);
        for (int i = 0; i < length; i++) builder.Append(utf8);
        return builder.Build(type);
    }

    /// <summary>All batches' rows as one batch (one vector per column); <paramref name="operation"/> as for the vector overload.</summary>
    public static Batch Concat(IReadOnlyList<SqlType> types, IReadOnlyList<Batch> batches, string operation)
    {
        if (batches.Count == 1) return batches[0];
        var columns = new ColumnVector[types.Count];
        var parts = new ColumnVector[batches.Count];
        long rows = 0;
        foreach (var b in batches) rows += b.RowCount;
        for (int c = 0; c < columns.Length; c++)
        {
            for (int b = 0; b < batches.Count; b++) parts[b] = batches[b].Columns[c];
            columns[c] = batches.Count == 0 ? ColumnVector.Allocate(types[c], 0) : Concat(types[c], parts, operation);
        }
        return new Batch(columns, (int)rows);
    }

    /// <summary>A vector holding <paramref name="value"/> (physical representation, null = SQL NULL) in every row.</summary>
    public static ColumnVector Constant(SqlType type, object? value, int length)
    {
        if (value is null) return ColumnVector.AllNull(type, length);
        // The type picks the vector, as for every other value: a string for a non-string type is converted below.
        if (ColumnVector.PhysicalType(type) == typeof(string))
            return RepeatString(type, value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", length);
        var vector = ColumnVector.Allocate(type, length);
        switch (vector)
        {
            case ColumnVector<bool> v: Array.Fill(v.Values, (bool)value, 0, length); break;
            case ColumnVector<short> v: Array.Fill(v.Values, Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture), 0, length); break;
            case ColumnVector<int> v: Array.Fill(v.Values, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), 0, length); break;
            case ColumnVector<long> v: Array.Fill(v.Values, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), 0, length); break;
            case ColumnVector<Int128> v: Array.Fill(v.Values, value is Int128 i128 ? i128 : (Int128)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), 0, length); break;
            case ColumnVector<float> v: Array.Fill(v.Values, Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), 0, length); break;
            case ColumnVector<double> v: Array.Fill(v.Values, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), 0, length); break;
            case ColumnVector<Interval> v: Array.Fill(v.Values, (Interval)value, 0, length); break;
        }
        return vector;
    }

    /// <summary>
    /// Writes <paramref name="source"/> rows into <paramref name="target"/> at the positions <paramref name="targetRows"/> (same
    /// type) and returns the result: <paramref name="target"/> itself, updated in place, except for strings, whose Arrow
    /// layout cannot be rewritten in place (a new vector then).
    /// </summary>
    public static ColumnVector Scatter(ColumnVector source, ColumnVector target, ReadOnlySpan<int> targetRows)
    {
        switch (target)
        {
            case ColumnVector<bool> t: ScatterTyped((ColumnVector<bool>)source, t, targetRows); break;
            case ColumnVector<short> t: ScatterTyped((ColumnVector<short>)source, t, targetRows); break;
            case ColumnVector<int> t: ScatterTyped((ColumnVector<int>)source, t, targetRows); break;
            case ColumnVector<long> t: ScatterTyped((ColumnVector<long>)source, t, targetRows); break;
            case ColumnVector<Int128> t: ScatterTyped((ColumnVector<Int128>)source, t, targetRows); break;
            case ColumnVector<float> t: ScatterTyped((ColumnVector<float>)source, t, targetRows); break;
            case ColumnVector<double> t: ScatterTyped((ColumnVector<double>)source, t, targetRows); break;
            case StringVector t: return ScatterStrings((StringVector)source, t, targetRows);
            case ColumnVector<Interval> t: ScatterTyped((ColumnVector<Interval>)source, t, targetRows); break;
            default: throw new InvalidOperationException($"unexpected vector {target.GetType()}");
        }
        return target;
    }

    private static StringVector ScatterStrings(StringVector source, StringVector target, ReadOnlySpan<int> targetRows)
    {
        int n = target.Length;
        var fromSource = new int[n];
        Array.Fill(fromSource, -1);
        for (int k = 0; k < targetRows.Length; k++) fromSource[targetRows[k]] = k;
        long bytes = (long)target.DataLength + source.DataLength; // an upper bound: replaced rows drop out
        var builder = new StringVectorBuilder(n, (int)Math.Min(bytes, StringDataLimit.MaxBytes), "a scatter of rows");
        var validity = target.Validity?.Clone();
        var sourceValidity = source.Validity;
        for (int row = 0; row < n; row++)
        {
            int k = fromSource[row];
            if (k < 0)
            {
                builder.Append(target, row);
                continue;
            }
            builder.Append(source, k);
            bool valid = sourceValidity is null || sourceValidity.IsValid(k);
            if (valid) validity?.SetValid(row);
            else (validity ??= new ValidityBitmap(n)).SetNull(row);
        }
        return builder.Build(target.Type, validity);
    }

    private static void ScatterTyped<T>(ColumnVector<T> source, ColumnVector<T> target, ReadOnlySpan<int> targetRows)
    {
        var src = source.Values;
        var dst = target.Values;
        var sv = source.Validity;
        for (int i = 0; i < targetRows.Length; i++)
        {
            int row = targetRows[i];
            dst[row] = src[i];
            if (sv is not null && !sv.IsValid(i))
            {
                target.Validity ??= new ValidityBitmap(target.Length);
                target.Validity.SetNull(row);
            }
            else
            {
                target.Validity?.SetValid(row);
            }
        }
    }

    /// <summary>Row indices where a boolean vector is TRUE (NULL and FALSE excluded).</summary>
    public static int SelectTrue(ColumnVector<bool> predicate, int rowCount, int[] selection)
    {
        var values = predicate.Values;
        var validity = predicate.Validity;
        int count = 0;
        if (validity is null)
        {
            for (int i = 0; i < rowCount; i++)
            {
                selection[count] = i;
                count += values[i] ? 1 : 0;
            }
        }
        else
        {
            for (int i = 0; i < rowCount; i++)
            {
                selection[count] = i;
                count += values[i] && validity.IsValid(i) ? 1 : 0;
            }
        }
        return count;
    }

    /// <summary>Approximate bytes a vector's values occupy (strings counted by length), for memory accounting.</summary>
    public static long EstimateBytes(ColumnVector vector)
    {
        switch (vector)
        {
            case StringVector s: return 4L * (s.Length + 1) + s.DataLength;
            case ColumnVector<bool>: return vector.Length;
            case ColumnVector<short>: return 2L * vector.Length;
            case ColumnVector<int> or ColumnVector<float>: return 4L * vector.Length;
            case ColumnVector<Int128> or ColumnVector<Interval>: return 16L * vector.Length;
            default: return 8L * vector.Length;
        }
    }

    public static long EstimateBytes(Batch batch)
    {
        long total = 0;
        for (int c = 0; c < batch.ColumnCount; c++) total += EstimateBytes(batch.Columns[c]);
        return total;
    }
}
