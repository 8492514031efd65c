using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>How a COPY field is converted; decided once per column.</summary>
internal enum FieldKind : byte { Boolean, Int16, Int32, Int64, Decimal64, Decimal128, Real, Double, Date, Timestamp, TimestampTz, Interval, String }

/// <summary>The batch being filled for one target column: typed value arrays plus validity.</summary>
internal sealed class ColumnState
{
    public ColumnState(CopyColumn column)
    {
        Column = column;
        Type = column.Type;
        Kind = Type.Id switch
        {
            TypeId.Boolean => FieldKind.Boolean,
            TypeId.SmallInt => FieldKind.Int16,
            TypeId.Integer => FieldKind.Int32,
            TypeId.BigInt => FieldKind.Int64,
            TypeId.Decimal => Type.IsWideDecimal ? FieldKind.Decimal128 : FieldKind.Decimal64,
            TypeId.Real => FieldKind.Real,
            TypeId.Double => FieldKind.Double,
            TypeId.Date => FieldKind.Date,
            TypeId.Timestamp => FieldKind.Timestamp,
            TypeId.TimestampTz => FieldKind.TimestampTz,
            TypeId.Interval => FieldKind.Interval,
            _ => FieldKind.String,
        };
        Reset();
    }

    public CopyColumn Column { get; }
    /// <summary>DECIMAL precision, with an unspecified precision read as Redshift's default 18.</summary>
    public int Precision => Type.Precision > 0 ? Type.Precision : 18;
    public SqlType Type { get; }
    public FieldKind Kind { get; }
    public ColumnVector Vector { get; private set; } = null!;
    public ValidityBitmap Validity { get; private set; } = null!;
    public bool AnyNull { get; set; }

    public bool[]? Booleans;
    public short[]? Int16s;
    public int[]? Int32s;
    public long[]? Int64s;
    public Int128[]? Int128s;
    public float[]? Reals;
    public double[]? Doubles;
    /// <summary>The text column's values so far; row r is written after rows below r (NULL rows padded empty).</summary>
    public StringVectorBuilder? Strings;
    public Interval[]? Intervals;

    public bool IsString => Kind == FieldKind.String;

    /// <summary>Starts a fresh batch-sized vector.</summary>
    public void Reset()
    {
        Vector = ColumnVector.Allocate(Type, Kind == FieldKind.String ? 0 : Batch.DefaultCapacity);
        Validity = new ValidityBitmap(Batch.DefaultCapacity);
        AnyNull = false;
        Booleans = (Vector as ColumnVector<bool>)?.Values;
        Int16s = (Vector as ColumnVector<short>)?.Values;
        Int32s = (Vector as ColumnVector<int>)?.Values;
        Int64s = (Vector as ColumnVector<long>)?.Values;
        Int128s = (Vector as ColumnVector<Int128>)?.Values;
        Reals = (Vector as ColumnVector<float>)?.Values;
        Doubles = (Vector as ColumnVector<double>)?.Values;
        Strings = Vector is StringVector ? new StringVectorBuilder(Batch.DefaultCapacity, 16 * Batch.DefaultCapacity) : null;
        Intervals = (Vector as ColumnVector<Interval>)?.Values;
    }

    /// <summary>The first <paramref name="rows"/> values as a batch column (a copy when the batch is partial).</summary>
    public ColumnVector Finish(int rows)
    {
        ColumnVector result;
        if (Strings is { } strings)
        {
            SetStringRow(rows);
            result = strings.Build(Type);
        }
        else if (rows == Batch.DefaultCapacity)
        {
            result = Vector;
        }
        else
        {
            result = ColumnVector.Allocate(Type, rows);
            CopyValues(Vector, result, rows);
        }
        if (AnyNull)
        {
            var validity = new ValidityBitmap(rows);
            for (int i = 0; i < rows; i++) if (!Validity.IsValid(i)) validity.SetNull(i);
            result.Validity = validity.CountNulls() > 0 ? validity : null;
        }
        return result;
    }

    /// <summary>Positions the text builder at <paramref name="row"/>: later rows dropped (a rejected record), NULL rows padded.</summary>
    public StringVectorBuilder SetStringRow(int row)
    {
        var strings = Strings!;
        if (strings.Count > row) strings.Truncate(row);
        while (strings.Count < row) strings.AppendEmpty();
        return strings;
    }

    private static void CopyValues(ColumnVector from, ColumnVector to, int rows)
    {
        switch (from)
        {
            case ColumnVector<bool> v: Array.Copy(v.Values, ((ColumnVector<bool>)to).Values, rows); break;
            case ColumnVector<short> v: Array.Copy(v.Values, ((ColumnVector<short>)to).Values, rows); break;
            case ColumnVector<int> v: Array.Copy(v.Values, ((ColumnVector<int>)to).Values, rows); break;
            case ColumnVector<long> v: Array.Copy(v.Values, ((ColumnVector<long>)to).Values, rows); break;
            case ColumnVector<Int128> v: Array.Copy(v.Values, ((ColumnVector<Int128>)to).Values, rows); break;
            case ColumnVector<float> v: Array.Copy(v.Values, ((ColumnVector<float>)to).Values, rows); break;
            case ColumnVector<double> v: Array.Copy(v.Values, ((ColumnVector<double>)to).Values, rows); break;
            case ColumnVector<Interval> v: Array.Copy(v.Values, ((ColumnVector<Interval>)to).Values, rows); break;
        }
    }
}
