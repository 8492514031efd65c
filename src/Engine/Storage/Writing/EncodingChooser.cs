using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Encodings;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>
/// ENCODE AUTO: picks a block's encoding from its data. Integers, dates, timestamps and decimals take the
/// smallest of RUNLENGTH, BYTEDICT (≤ 256 distinct) and AZ64 by estimated size. Other types: few long runs →
/// RUNLENGTH; strings with at most 256 distinct values → BYTEDICT, else ZSTD; booleans, floats, wide decimals
/// and intervals → RAW (Redshift's default for booleans and floats).
/// </summary>
internal static class EncodingChooser
{
    /// <summary>Runs must average at least this many rows for RUNLENGTH to be chosen.</summary>
    private const int MinAverageRun = 8;

    public static ColumnEncoding Choose(ColumnVector column, int count)
    {
        if (count == 0) return ColumnEncoding.Raw;
        if (ColumnEncodings.IsIntegerFamily(column.Type)) return ChooseForIntegers(column, count);
        int runs = column switch
        {
            StringVector v => RunLengthEncoding.CountRuns(v, count),
            _ => CountFixedRuns(column, count),
        };
        if (runs * MinAverageRun <= count) return ColumnEncoding.RunLength;
        var type = column.Type;
        if (type.Id is TypeId.Boolean or TypeId.Real or TypeId.Double) return ColumnEncoding.Raw;
        int distinct = column switch
        {
            StringVector v => ByteDictEncoding.CountDistinct(v, count, ByteDictEncoding.MaxEntries),
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

    private static ColumnEncoding ChooseForIntegers(ColumnVector column, int count)
    {
        var values = PhysicalValues.ToLongs(column, count);
        int width = PhysicalValues.Width(column.Type);
        long rle = 4 + (long)RunLengthEncoding.CountRuns<long>(values) * (4 + width);
        long az64 = Az64Encoding.EstimateSize(values);
        int distinct = ByteDictEncoding.CountDistinct<long>(values, ByteDictEncoding.MaxEntries);
        long byteDict = distinct <= ByteDictEncoding.MaxEntries ? 4 + (long)distinct * width + count : long.MaxValue;
        if (rle <= az64 && rle <= byteDict) return ColumnEncoding.RunLength;
        return byteDict < az64 ? ColumnEncoding.ByteDict : ColumnEncoding.Az64;
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
