using System.Globalization;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Formats.Arrow;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Formats;

/// <summary>A schema with every type the Arrow writer supports, and batches with NULLs in each column.</summary>
internal static class ArrowTestData
{
    public static readonly ArrowField[] AllTypes =
    [
        new("b", SqlType.Boolean),
        new("i16", SqlType.SmallInt),
        new("i32", SqlType.Integer, Nullable: false),
        new("i64", SqlType.BigInt),
        new("dec", SqlType.Decimal(12, 2)),
        new("wide", SqlType.Decimal(38, 4)),
        new("r", SqlType.Real),
        new("f", SqlType.Double),
        new("c", SqlType.Char(10)),
        new("v", SqlType.Varchar(20)),
        new("t", SqlType.Text),
        new("d", SqlType.Date),
        new("ts", SqlType.Timestamp),
        new("tstz", SqlType.TimestampTz),
        new("iv", SqlType.Interval),
        new("nul", SqlType.Unknown),
    ];

    /// <summary>Rows of the batch; row 1 is NULL in every nullable column.</summary>
    public static Batch Batch(int offset, int rows = 5)
    {
        var columns = new ColumnVector[AllTypes.Length];
        for (int c = 0; c < AllTypes.Length; c++)
        {
            var type = AllTypes[c].Type;
            var vector = type.IsString ? new ColumnVector<string>(type, new string[rows], rows) : ColumnVector.Allocate(type, rows);
            for (int r = 0; r < rows; r++) Fill(vector, r, r + offset);
            vector = StringForms.Encode(vector);
            if (AllTypes[c].Nullable && rows > 1)
            {
                var validity = new ValidityBitmap(rows);
                validity.SetNull(1);
                vector.Validity = validity;
            }
            if (type.Id == TypeId.Unknown) vector = ColumnVector.AllNull(type, rows);
            columns[c] = vector;
        }
        return new Batch(columns, rows);
    }

    private static void Fill(ColumnVector vector, int r, int seed)
    {
        switch (vector)
        {
            case ColumnVector<bool> v: v.Values[r] = seed % 3 == 0; break;
            case ColumnVector<short> v: v.Values[r] = r == 0 ? short.MinValue : (short)(seed * 7); break;
            case ColumnVector<int> v when vector.Type.Id == TypeId.Date: v.Values[r] = r == 0 ? -719162 : 10_000 + seed; break;
            case ColumnVector<int> v: v.Values[r] = r == 0 ? int.MaxValue : -seed * 1000; break;
            case ColumnVector<long> v when vector.Type.Id == TypeId.Decimal: v.Values[r] = r == 0 ? -999_999_999_999L : seed * 12_345L; break;
            case ColumnVector<long> v: v.Values[r] = r == 0 ? long.MinValue + 1 : 1_700_000_000_000_000L + seed * 1_000_001L; break;
            case ColumnVector<Int128> v: v.Values[r] = r == 0 ? Int128.Parse("-99999999999999999999999999999999999999", CultureInfo.InvariantCulture) : (Int128)seed << 70; break;
            case ColumnVector<float> v: v.Values[r] = seed * 0.5f - 1; break;
            case ColumnVector<double> v: v.Values[r] = seed * 0.25 - 3; break;
            case ColumnVector<string> v: v.Values[r] = r == 0 ? "" : vector.Type.Id == TypeId.Char ? $"c{seed}" : $"värde {seed} ✓"; break;
            case ColumnVector<Interval> v: v.Values[r] = new Interval(seed - 2, -seed, seed * 3_600_000_001L); break;
        }
    }

    /// <summary>A value as the interop script prints it (see arrow-interop.mjs), or null.</summary>
    public static string? Format(ColumnVector vector, int row)
    {
        if (vector.IsNull(row)) return null;
        return vector switch
        {
            ColumnVector<bool> v => v.Values[row] ? "true" : "false",
            ColumnVector<short> v => v.Values[row].ToString(CultureInfo.InvariantCulture),
            ColumnVector<int> v => v.Values[row].ToString(CultureInfo.InvariantCulture),
            ColumnVector<long> v => v.Values[row].ToString(CultureInfo.InvariantCulture),
            ColumnVector<Int128> v => v.Values[row].ToString(CultureInfo.InvariantCulture),
            ColumnVector<float> v => ((double)v.Values[row]).ToString("R", CultureInfo.InvariantCulture),
            ColumnVector<double> v => v.Values[row].ToString("R", CultureInfo.InvariantCulture),
            StringVector v => v.GetString(row),
            ColumnVector<Interval> v => $"{v.Values[row].Months},{v.Values[row].Days},{v.Values[row].Micros * 1000}",
            _ => throw new ArgumentException("no formatter for " + vector.Type),
        };
    }
}
