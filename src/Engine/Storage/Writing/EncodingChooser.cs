using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Encodings;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>
/// ENCODE AUTO: picks a block's encoding from its data. Few long runs → RUNLENGTH; at most 256 distinct
/// values → BYTEDICT; other integers, dates, timestamps and decimals → AZ64 (which also deltas sorted data);
/// other strings → ZSTD; booleans and floats → RAW (Redshift's defaults for them).
/// </summary>
internal static class EncodingChooser
{
    /// <summary>Runs must average at least this many rows for RUNLENGTH to be chosen.</summary>
    private const int MinAverageRun = 8;

    public static ColumnEncoding Choose(ColumnVector column, int count)
    {
        if (count == 0) return ColumnEncoding.Raw;
        int runs = column switch
        {
            ColumnVector<string> v => RunLengthEncoding.CountRuns<string>(v.Values.AsSpan(0, count)),
            _ => CountFixedRuns(column, count),
        };
        if (runs * MinAverageRun <= count) return ColumnEncoding.RunLength;
        var type = column.Type;
        if (type.Id is TypeId.Boolean or TypeId.Real or TypeId.Double) return ColumnEncoding.Raw;
        int distinct = column switch
        {
            ColumnVector<string> v => ByteDictEncoding.CountDistinct<string>(v.Values.AsSpan(0, count), ByteDictEncoding.MaxEntries),
            ColumnVector<short> v => ByteDictEncoding.CountDistinct<short>(v.Values.AsSpan(0, count), ByteDictEncoding.MaxEntries),
            ColumnVector<int> v => ByteDictEncoding.CountDistinct<int>(v.Values.AsSpan(0, count), ByteDictEncoding.MaxEntries),
            ColumnVector<long> v => ByteDictEncoding.CountDistinct<long>(v.Values.AsSpan(0, count), ByteDictEncoding.MaxEntries),
            _ => int.MaxValue,
        };
        if (distinct <= ByteDictEncoding.MaxEntries && (PhysicalValues.Width(type) is 0 or > 1)) return ColumnEncoding.ByteDict;
        if (ColumnEncodings.IsIntegerFamily(type) && EncodingRegistry.TryGet(ColumnEncoding.Az64, out _)) return ColumnEncoding.Az64;
        if (PhysicalValues.IsString(type) && EncodingRegistry.TryGet(ColumnEncoding.Zstd, out _)) return ColumnEncoding.Zstd;
        return ColumnEncoding.Raw;
    }

    private static int CountFixedRuns(ColumnVector column, int count) => column switch
    {
        ColumnVector<bool> v => RunLengthEncoding.CountRuns<bool>(v.Values.AsSpan(0, count)),
        ColumnVector<short> v => RunLengthEncoding.CountRuns<short>(v.Values.AsSpan(0, count)),
        ColumnVector<int> v => RunLengthEncoding.CountRuns<int>(v.Values.AsSpan(0, count)),
        ColumnVector<long> v => RunLengthEncoding.CountRuns<long>(v.Values.AsSpan(0, count)),
        ColumnVector<Int128> v => RunLengthEncoding.CountRuns<Int128>(v.Values.AsSpan(0, count)),
        ColumnVector<float> v => RunLengthEncoding.CountRuns<float>(v.Values.AsSpan(0, count)),
        ColumnVector<double> v => RunLengthEncoding.CountRuns<double>(v.Values.AsSpan(0, count)),
        ColumnVector<Interval> v => RunLengthEncoding.CountRuns<Interval>(v.Values.AsSpan(0, count)),
        _ => count,
    };
}
