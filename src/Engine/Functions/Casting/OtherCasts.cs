using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Casting;

/// <summary>Casts among date/time types and between boolean and integers.</summary>
internal static class OtherCasts
{
    public static ColumnVector Convert(ColumnVector input, SqlType target)
    {
        var source = input.Type;
        int n = input.Length;
        var validity = input.Validity?.Clone();
        switch (source.Id, target.Id)
        {
            case (TypeId.Date, TypeId.Timestamp or TypeId.TimestampTz):
            {
                var days = ((ColumnVector<int>)input).Values;
                var result = new long[n];
                for (int i = 0; i < n; i++) result[i] = days[i] * Interval.MicrosPerDay;
                return new ColumnVector<long>(target, result, n, validity);
            }
            case (TypeId.Timestamp or TypeId.TimestampTz, TypeId.Date):
            {
                var micros = ((ColumnVector<long>)input).Values;
                var result = new int[n];
                for (int i = 0; i < n; i++) result[i] = (int)FloorDiv(micros[i], Interval.MicrosPerDay);
                return new ColumnVector<int>(target, result, n, validity);
            }
            // The session time zone is UTC for casts, so a timestamp and a timestamptz share their microseconds.
            case (TypeId.Timestamp, TypeId.TimestampTz) or (TypeId.TimestampTz, TypeId.Timestamp):
                return Casts.Retype(input, target);
            case (TypeId.Boolean, _) when target.IsInteger:
            {
                var bools = ((ColumnVector<bool>)input).Values;
                var ints = new long[n];
                for (int i = 0; i < n; i++) ints[i] = bools[i] ? 1 : 0;
                return NumericCasts.Convert(new ColumnVector<long>(SqlType.BigInt, ints, n, validity), target);
            }
            case (_, TypeId.Boolean) when source.IsInteger:
            {
                var (values, _) = NumericCasts.ReadExact(input);
                var result = new bool[n];
                for (int i = 0; i < n; i++) result[i] = values[i] != 0;
                return new ColumnVector<bool>(target, result, n, validity);
            }
            default:
                if (source.Id == target.Id) return Casts.Retype(input, target);
                throw Casts.CannotCast(source, target);
        }
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
        return q;
    }
}
