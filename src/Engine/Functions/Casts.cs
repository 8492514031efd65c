using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Casting;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// Converts vectors between SQL types with PostgreSQL's semantics: numeric → integer rounds half away from
/// zero, float → integer rounds half to even, out-of-range values raise 22003, text is read by
/// <see cref="ValueParser"/> (22P02/22007/22008) and written by <see cref="ValueFormatter"/>.
/// <paramref name="isExplicit"/> only changes string length handling: an explicit cast truncates,
/// an implicit/assignment one rejects excess non-blank characters (22001).
/// </summary>
public static class Casts
{
    /// <summary>Casts a column in either string form (<see cref="StringForms"/>); a string result is in batch form.</summary>
    public static ColumnVector Cast(ColumnVector input, SqlType target, bool isExplicit)
    {
        if (input.Type == target) return StringForms.Encode(input);
        if (input is StringVector strings && (target.IsString || target.Id == TypeId.Unknown) && StringRetype.KeepsBytes(strings, target))
            return Retype(strings, target);
        return StringForms.Encode(CastDecoded(StringForms.Decode(input), target, isExplicit));
    }

    private static ColumnVector CastDecoded(ColumnVector input, SqlType target, bool isExplicit)
    {
        var source = input.Type;
        if (!CanCast(source, target)) throw CannotCast(source, target);
        if (source.IsString || source.Id == TypeId.Unknown) return TextCasts.FromText(input, target, isExplicit);
        if (target.IsString) return TextCasts.ToText(input, target, isExplicit);
        if (source.IsNumeric && target.IsNumeric) return NumericCasts.Convert(input, target);
        return OtherCasts.Convert(input, target);
    }

    /// <summary>True when PostgreSQL converts <paramref name="from"/> to <paramref name="to"/> without an explicit cast.</summary>
    public static bool CanCastImplicitly(SqlType from, SqlType to) => TypeCategories.ImplicitFamily(from.Id, to.Id);

    /// <summary>True when an explicit CAST from <paramref name="from"/> to <paramref name="to"/> exists.</summary>
    public static bool CanCast(SqlType from, SqlType to)
    {
        if (from.Id == to.Id || from.Id == TypeId.Unknown) return true;
        if (from.IsString || to.IsString) return true;
        if (from.IsNumeric && to.IsNumeric) return true;
        if (from.IsTemporal && to.IsTemporal) return true;
        if (from.Id == TypeId.Boolean && to.IsInteger) return true;
        if (from.IsInteger && to.Id == TypeId.Boolean) return true;
        return false;
    }

    internal static SqlException CannotCast(SqlType from, SqlType to) =>
        new(SqlState.CannotCoerce, $"cannot cast type {from} to {to}");

    /// <summary>The same values under another type with the same physical representation (no copy).</summary>
    internal static ColumnVector Retype(ColumnVector input, SqlType target) => input switch
    {
        ColumnVector<string> v => new ColumnVector<string>(target, v.Values, v.Length, v.Validity),
        StringVector v => new StringVector(target, v.Offsets, v.Data, v.Length, v.Validity),
        ColumnVector<long> v => new ColumnVector<long>(target, v.Values, v.Length, v.Validity),
        ColumnVector<int> v => new ColumnVector<int>(target, v.Values, v.Length, v.Validity),
        ColumnVector<short> v => new ColumnVector<short>(target, v.Values, v.Length, v.Validity),
        ColumnVector<Int128> v => new ColumnVector<Int128>(target, v.Values, v.Length, v.Validity),
        ColumnVector<double> v => new ColumnVector<double>(target, v.Values, v.Length, v.Validity),
        ColumnVector<float> v => new ColumnVector<float>(target, v.Values, v.Length, v.Validity),
        ColumnVector<bool> v => new ColumnVector<bool>(target, v.Values, v.Length, v.Validity),
        ColumnVector<Interval> v => new ColumnVector<Interval>(target, v.Values, v.Length, v.Validity),
        _ => throw new InvalidOperationException($"cannot retype {input.GetType()}"),
    };
}
