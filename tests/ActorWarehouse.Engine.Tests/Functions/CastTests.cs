using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class CastTests
{
    private static string[] Cast(Columnar.ColumnVector input, SqlType target, bool isExplicit = true) =>
        Texts(Casts.Cast(input, target, isExplicit));

    [Fact]
    public void Numeric_to_integer_rounds_half_away_from_zero()
    {
        Assert.Equal(["3", "-3", "2"], Cast(Parsed(SqlType.Decimal(5, 1), "2.5", "-2.5", "2.4"), SqlType.Integer));
    }

    [Fact]
    public void Float_to_integer_rounds_half_to_even()
    {
        Assert.Equal(["2", "4", "-2"], Cast(Of<double>(SqlType.Double, 2.5, 3.5, -2.5), SqlType.Integer));
    }

    [Fact]
    public void Integer_narrowing_checks_the_range()
    {
        var ex = Assert.Throws<SqlException>(() => Casts.Cast(Of<long>(SqlType.BigInt, 40000), SqlType.SmallInt, true));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
        Assert.Equal("smallint out of range", ex.Message);
        Assert.Equal("integer out of range", Assert.Throws<SqlException>(() => Casts.Cast(Of<double>(SqlType.Double, 3e9), SqlType.Integer, true)).Message);
        Assert.Throws<SqlException>(() => Casts.Cast(Of<double>(SqlType.Double, double.NaN), SqlType.BigInt, true));
    }

    [Fact]
    public void Text_to_number_uses_the_parser_and_its_errors()
    {
        Assert.Equal(["12", "NULL"], Cast(Strings(SqlType.Text, " 12 ", null), SqlType.Integer));
        var ex = Assert.Throws<SqlException>(() => Casts.Cast(Strings(SqlType.Text, "12a"), SqlType.Integer, true));
        Assert.Equal("invalid input syntax for type integer: \"12a\"", ex.Message);
    }

    [Fact]
    public void Values_to_text_use_postgresql_output_and_booleans_spell_out()
    {
        Assert.Equal(["1.50"], Cast(Parsed(SqlType.Decimal(5, 2), "1.5"), SqlType.Text));
        Assert.Equal(["true", "false"], Cast(Of<bool>(SqlType.Boolean, true, false), SqlType.Text));
        Assert.Equal(["0.1"], Cast(Of<double>(SqlType.Double, 0.1), SqlType.Text));
        Assert.Equal(["24:00:00"], Cast(Parsed(SqlType.Interval, "24 hours"), SqlType.Text));
    }

    [Fact]
    public void Explicit_varchar_casts_truncate_and_implicit_ones_reject_long_values()
    {
        Assert.Equal(["abc"], Cast(Strings(SqlType.Text, "abcdef"), SqlType.Varchar(3), isExplicit: true));
        var ex = Assert.Throws<SqlException>(() => Casts.Cast(Strings(SqlType.Text, "abcdef"), SqlType.Varchar(3), false));
        Assert.Equal(SqlState.StringDataRightTruncation, ex.SqlState);
        Assert.Equal(["ab"], Cast(Strings(SqlType.Text, "ab   "), SqlType.Char(5), isExplicit: false));
    }

    [Fact]
    public void String_casts_that_change_no_value_share_the_bytes_under_the_new_type()
    {
        var varchar = Strings(SqlType.Varchar(10), "abc", null, "héllo");
        var text = (Columnar.StringVector)Casts.Cast(varchar, SqlType.Text, false);
        Assert.Equal(SqlType.Text, text.Type);
        Assert.Same(varchar.Data, text.Data);
        Assert.Same(varchar.Offsets, text.Offsets);
        Assert.Equal(["abc", "NULL", "héllo"], Texts(text));

        var chars = Strings(SqlType.Char(5), "ab", "abcde");
        Assert.Same(chars.Data, ((Columnar.StringVector)Casts.Cast(chars, SqlType.Varchar(5), false)).Data);
        Assert.Same(chars.Data, ((Columnar.StringVector)Casts.Cast(chars, SqlType.Text, true)).Data);
        // "héllo" is 6 UTF-8 bytes: the byte test does not prove it fits 5 characters, so it takes the slow path.
        Assert.Equal(["héllo"], Cast(Strings(SqlType.Text, "héllo"), SqlType.Varchar(5), isExplicit: false));
    }

    [Fact]
    public void String_casts_that_change_values_still_convert_them()
    {
        // A CHAR value with trailing blanks (a literal, not stored data) loses them as TEXT or CHAR, keeps them as VARCHAR(n).
        var padded = Strings(SqlType.Char(4), "ab  ");
        var asText = (Columnar.StringVector)Casts.Cast(padded, SqlType.Text, false);
        Assert.NotSame(padded.Data, asText.Data);
        Assert.Equal(["ab"], Texts(asText));
        Assert.Equal(["ab"], Cast(Strings(SqlType.Text, "ab  "), SqlType.Char(4)));
        Assert.Equal(["ab  "], Cast(padded, SqlType.Varchar(4)));
        Assert.Equal(["abc"], Cast(Strings(SqlType.Varchar(6), "abcdef"), SqlType.Varchar(3), isExplicit: true));
        Assert.Equal(["ab"], Cast(Strings(SqlType.Text, "ab   "), SqlType.Varchar(2), isExplicit: false)); // excess blanks only
    }

    [Fact]
    public void Dates_and_timestamps_convert_both_ways()
    {
        Assert.Equal(["2024-01-02 00:00:00"], Cast(Parsed(SqlType.Date, "2024-01-02"), SqlType.Timestamp));
        Assert.Equal(["2024-01-02", "1969-12-31"], Cast(Parsed(SqlType.Timestamp, "2024-01-02 23:59:59", "1969-12-31 23:00:00"), SqlType.Date));
    }

    [Fact]
    public void Integer_to_decimal_and_back_to_double_is_exact()
    {
        Assert.Equal(["42.00"], Cast(Ints(42), SqlType.Decimal(10, 2)));
        Assert.Equal(["0.1"], Cast(Parsed(SqlType.Decimal(10, 1), "0.1"), SqlType.Double));
        Assert.Equal(["0.33"], Cast(Of<double>(SqlType.Double, 1.0 / 3), SqlType.Decimal(5, 2)));
    }

    [Fact]
    public void Boolean_and_integer_convert_explicitly()
    {
        Assert.Equal(["1", "0"], Cast(Of<bool>(SqlType.Boolean, true, false), SqlType.Integer));
        Assert.Equal(["t", "f"], Cast(Ints(5, 0), SqlType.Boolean));
    }

    [Fact]
    public void Impossible_casts_raise_42846()
    {
        var ex = Assert.Throws<SqlException>(() => Casts.Cast(Parsed(SqlType.Date, "2024-01-01"), SqlType.Integer, true));
        Assert.Equal(SqlState.CannotCoerce, ex.SqlState);
        Assert.Equal("cannot cast type date to integer", ex.Message);
    }

    [Fact]
    public void Implicit_casts_follow_postgresql()
    {
        Assert.True(Casts.CanCastImplicitly(SqlType.Integer, SqlType.BigInt));
        Assert.True(Casts.CanCastImplicitly(SqlType.BigInt, SqlType.Decimal(38, 0)));
        Assert.True(Casts.CanCastImplicitly(SqlType.Decimal(10, 2), SqlType.Double));
        Assert.True(Casts.CanCastImplicitly(SqlType.Date, SqlType.Timestamp));
        Assert.True(Casts.CanCastImplicitly(SqlType.Unknown, SqlType.Date));
        Assert.False(Casts.CanCastImplicitly(SqlType.Double, SqlType.Integer));
        Assert.False(Casts.CanCastImplicitly(SqlType.Integer, SqlType.Text));
        Assert.False(Casts.CanCastImplicitly(SqlType.Timestamp, SqlType.Date));
    }
}

public class TypeCoercionTests
{
    [Fact]
    public void Integers_widen_and_decimals_unite_digits_and_scale()
    {
        Assert.Equal(SqlType.BigInt, TypeCoercion.CommonType(SqlType.Integer, SqlType.BigInt));
        Assert.Equal(SqlType.Decimal(12, 2), TypeCoercion.CommonType(SqlType.Integer, SqlType.Decimal(5, 2)));
        Assert.Equal(SqlType.Decimal(17, 4), TypeCoercion.CommonType(SqlType.Decimal(15, 2), SqlType.Decimal(8, 4)));
        Assert.Equal(SqlType.Double, TypeCoercion.CommonType(SqlType.Decimal(15, 2), SqlType.Double));
    }

    [Fact]
    public void Unknown_literals_take_the_other_type_and_two_unknowns_are_text()
    {
        Assert.Equal(SqlType.Date, TypeCoercion.CommonType(SqlType.Unknown, SqlType.Date));
        Assert.Equal(SqlType.Text, TypeCoercion.CommonType(SqlType.Unknown, SqlType.Unknown));
    }

    [Fact]
    public void Strings_and_datetimes_unite()
    {
        Assert.Equal(SqlType.Varchar(10), TypeCoercion.CommonType(SqlType.Char(5), SqlType.Varchar(10)));
        Assert.Equal(SqlType.Text, TypeCoercion.CommonType(SqlType.Varchar(5), SqlType.Text));
        Assert.Equal(SqlType.Timestamp, TypeCoercion.CommonType(SqlType.Date, SqlType.Timestamp));
    }

    [Fact]
    public void Unrelated_types_raise_42804()
    {
        var ex = Assert.Throws<SqlException>(() => TypeCoercion.CommonType(SqlType.Integer, SqlType.Text));
        Assert.Equal(SqlState.DatatypeMismatch, ex.SqlState);
        Assert.Equal("types integer and character varying cannot be matched", ex.Message);
    }
}
