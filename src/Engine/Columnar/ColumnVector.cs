using System.Runtime.CompilerServices;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// One column of a batch: a typed value array plus an optional Arrow validity bitmap
/// (<c>null</c> means no row is null). The physical element type per SQL type:
/// BOOLEAN bool; SMALLINT short; INTEGER and DATE int; BIGINT, TIMESTAMP[TZ] and DECIMAL(p≤18) long;
/// DECIMAL(p&gt;18) Int128; REAL float; DOUBLE PRECISION double; INTERVAL Interval. CHAR/VARCHAR columns are
/// <see cref="StringVector"/>s (Arrow's offsets + UTF-8 layout); <see cref="PhysicalType"/> names <c>string</c>, the
/// element type scalar functions compute on (<see cref="StringForms"/>).
/// Kernels cast to <see cref="ColumnVector{T}"/> once per batch and loop over <see cref="ColumnVector{T}.Values"/>,
/// so there is no virtual call per row.
/// </summary>
public abstract class ColumnVector
{
    protected ColumnVector(SqlType type, int length, ValidityBitmap? validity)
    {
        Type = type;
        Length = length;
        Validity = validity;
    }

    public SqlType Type { get; }

    /// <summary>Number of rows; the value array may be longer.</summary>
    public int Length { get; }

    public ValidityBitmap? Validity { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index) => Validity is { } v && !v.IsValid(index);

    public bool HasNulls => Validity is { } v && v.CountNulls() > 0;

    /// <summary>The value at <paramref name="index"/> boxed, or null. For display and tests only, never in kernels.</summary>
    public abstract object? GetBoxed(int index);

    /// <summary>The physical element type used for a SQL type.</summary>
    public static Type PhysicalType(SqlType type) => type.Id switch
    {
        TypeId.Boolean => typeof(bool),
        TypeId.SmallInt => typeof(short),
        TypeId.Integer or TypeId.Date => typeof(int),
        TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => typeof(long),
        TypeId.Decimal => type.IsWideDecimal ? typeof(Int128) : typeof(long),
        TypeId.Real => typeof(float),
        TypeId.Double => typeof(double),
        TypeId.Char or TypeId.Varchar or TypeId.Unknown => typeof(string),
        TypeId.Interval => typeof(Interval),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no physical type"),
    };

    /// <summary>Allocates an empty vector of the right element type for <paramref name="type"/>.</summary>
    public static ColumnVector Allocate(SqlType type, int length) => type.Id switch
    {
        TypeId.Boolean => new ColumnVector<bool>(type, new bool[length], length),
        TypeId.SmallInt => new ColumnVector<short>(type, new short[length], length),
        TypeId.Integer or TypeId.Date => new ColumnVector<int>(type, new int[length], length),
        TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => new ColumnVector<long>(type, new long[length], length),
        TypeId.Decimal when type.IsWideDecimal => new ColumnVector<Int128>(type, new Int128[length], length),
        TypeId.Decimal => new ColumnVector<long>(type, new long[length], length),
        TypeId.Real => new ColumnVector<float>(type, new float[length], length),
        TypeId.Double => new ColumnVector<double>(type, new double[length], length),
        TypeId.Char or TypeId.Varchar or TypeId.Unknown => StringVector.Empty(type, length),
        TypeId.Interval => new ColumnVector<Interval>(type, new Interval[length], length),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "cannot allocate"),
    };

    /// <summary>A vector of <paramref name="length"/> NULLs.</summary>
    public static ColumnVector AllNull(SqlType type, int length)
    {
        var vector = Allocate(type, length);
        vector.Validity = new ValidityBitmap(length, allValid: false);
        return vector;
    }
}

/// <summary>A column whose values are a <typeparamref name="T"/>[] (see <see cref="ColumnVector"/> for the mapping).</summary>
public sealed class ColumnVector<T> : ColumnVector
{
    public ColumnVector(SqlType type, T[] values, int length, ValidityBitmap? validity = null)
        : base(type, length, validity)
    {
        if (values.Length < length) throw new ArgumentException("value array shorter than length", nameof(values));
        Values = values;
    }

    public T[] Values { get; }

    public Span<T> Span => Values.AsSpan(0, Length);

    public override object? GetBoxed(int index) => IsNull(index) ? null : Values[index];
}
