using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class ExpressionParsingTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("1 - 2 - 3", "(- (- 1 2) 3)")]
    [InlineData("2 ^ 3 ^ 2", "(^ (^ 2 3) 2)")]
    [InlineData("-2 ^ 2", "(^ -2 2)")]
    [InlineData("- a ^ 2", "(^ (negate a) 2)")]
    [InlineData("a * b % c / d", "(/ (% (* a b) c) d)")]
    [InlineData("a || b + c", "(|| a (+ b c))")]
    [InlineData("a || b = c", "(= (|| a b) c)")]
    [InlineData("a = 1 and b = 2 or c = 3", "(or (and (= a 1) (= b 2)) (= c 3))")]
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("not a = b", "(not (= a b))")]
    [InlineData("not a and b", "(and (not a) b)")]
    [InlineData("a = b is null", "(isnull (= a b))")]
    [InlineData("not a is null", "(not (isnull a))")]
    [InlineData("a isnull", "(isnull a)")]
    [InlineData("a notnull", "(isnotnull a)")]
    [InlineData("a is not true", "(isnottrue a)")]
    [InlineData("a is unknown", "(isunknown a)")]
    [InlineData("a is distinct from b + 1", "(distinct a (+ b 1))")]
    [InlineData("a is not distinct from b", "(notdistinct a b)")]
    [InlineData("a between 1 and 2 + 3", "(between a 1 (+ 2 3))")]
    [InlineData("a not between symmetric 1 and 2", "(notbetweensym a 1 2)")]
    [InlineData("a between 1 and 2 and b", "(and (between a 1 2) b)")]
    [InlineData("a in (1, 2, 3)", "(in a [1 2 3])")]
    [InlineData("a not in (1)", "(notin a [1])")]
    [InlineData("a like 'x%' escape '!'", "(like a 'x%' '!')")]
    [InlineData("a not ilike 'x'", "(notilike a 'x')")]
    [InlineData("a similar to 'x'", "(similarto a 'x')")]
    [InlineData("a ~~ 'x'", "(like a 'x')")]
    [InlineData("a !~~* 'x'", "(notilike a 'x')")]
    [InlineData("a ~ 'x' and b !~* 'y'", "(and (~ a 'x') (!~* b 'y'))")]
    [InlineData("a != b", "(<> a b)")]
    [InlineData("a >= b", "(>= a b)")]
    [InlineData("a::int + 1", "(+ (cast a integer) 1)")]
    [InlineData("-a::int", "(negate (cast a integer))")]
    [InlineData("t.a + s.t.b", "(+ t.a s.t.b)")]
    [InlineData("\"MixedCase\".\"Col\"", "MixedCase.Col")]
    [InlineData("UPPER_name", "upper_name")]
    [InlineData("$1 + $2", "(+ $1 $2)")]
    [InlineData("(a, b) = (1, 2)", "(= (row a b) (row 1 2))")]
    [InlineData("row(a, b)", "(row a b)")]
    [InlineData("ts at time zone 'UTC'", "(attimezone ts 'UTC')")]
    [InlineData("a=-1", "(= a -1)")]
    [InlineData("a<>-1", "(<> a -1)")]
    [InlineData("- - 90", "90")]
    [InlineData("+ col1", "(plus col1)")]
    [InlineData("a & b | c # d", "(# (| (& a b) c) d)")]
    [InlineData("a << 2", "(<< a 2)")]
    [InlineData("not - col2 is null", "(not (isnull (negate col2)))")]
    public void Operators_follow_postgresql_precedence(string sql, string expected)
    {
        Assert.Equal(expected, Render(Expr(sql)));
    }

    [Theory]
    [InlineData("1", 1L, TypeId.Integer)]
    [InlineData("2147483647", 2147483647L, TypeId.Integer)]
    [InlineData("2147483648", 2147483648L, TypeId.BigInt)]
    [InlineData("-2147483648", -2147483648L, TypeId.Integer)]
    [InlineData("-2147483649", -2147483649L, TypeId.BigInt)]
    [InlineData("9223372036854775807", long.MaxValue, TypeId.BigInt)]
    [InlineData("-9223372036854775808", long.MinValue, TypeId.BigInt)]
    public void Integer_literals_get_int_or_bigint_by_size(string sql, long value, TypeId type)
    {
        var literal = Assert.IsType<IntegerLiteral>(Expr(sql));
        Assert.Equal(value, literal.Value);
        Assert.Equal(type, literal.Type.Id);
    }

    [Theory]
    [InlineData("9223372036854775808", "9223372036854775808", 19, 0)]
    [InlineData("0.05", "0.05", 2, 2)]
    [InlineData("123.450", "123.450", 6, 3)]
    [InlineData(".5", ".5", 1, 1)]
    [InlineData("1.", "1.", 1, 0)]
    [InlineData("-1.25", "-1.25", 3, 2)]
    public void Larger_integers_and_decimals_are_numeric_with_precision_and_scale(string sql, string text, int precision, int scale)
    {
        var literal = Assert.IsType<NumericLiteral>(Expr(sql));
        Assert.Equal(text, literal.Text);
        Assert.Equal(SqlType.Decimal(precision, scale), literal.Type);
    }

    [Theory]
    [InlineData("1e5", 1e5)]
    [InlineData("2.5E-3", 2.5e-3)]
    [InlineData("-1.5e+2", -150.0)]
    public void Literals_with_an_exponent_are_double(string sql, double value)
    {
        Assert.Equal(value, Assert.IsType<FloatLiteral>(Expr(sql)).Value);
    }

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("E'a\\nb\\t\\\\c\\'d'", "a\nb\t\\c'd")]
    [InlineData("E'\\x41\\101\\u0042'", "AAB")]
    [InlineData("$$dollar 'quoted'$$", "dollar 'quoted'")]
    [InlineData("$tag$has $$ inside$tag$", "has $$ inside")]
    [InlineData("'con'\n'catenated'", "concatenated")]
    [InlineData("''", "")]
    public void String_literals_resolve_their_escapes(string sql, string value)
    {
        Assert.Equal(value, Assert.IsType<StringLiteral>(Expr(sql)).Value);
    }

    [Fact]
    public void Boolean_and_null_literals_are_recognized()
    {
        Assert.True(Assert.IsType<BooleanLiteral>(Expr("TRUE")).Value);
        Assert.False(Assert.IsType<BooleanLiteral>(Expr("false")).Value);
        Assert.IsType<NullLiteral>(Expr("NULL"));
    }

    [Theory]
    [InlineData("date '1998-12-01'", TypeId.Date, "1998-12-01")]
    [InlineData("timestamp '2020-01-01 10:00:00'", TypeId.Timestamp, "2020-01-01 10:00:00")]
    [InlineData("timestamp with time zone '2020-01-01 10:00:00+02'", TypeId.TimestampTz, "2020-01-01 10:00:00+02")]
    [InlineData("timestamptz '2020-01-01'", TypeId.TimestampTz, "2020-01-01")]
    [InlineData("int '42'", TypeId.Integer, "42")]
    [InlineData("double precision '1.5'", TypeId.Double, "1.5")]
    [InlineData("varchar 'x'", TypeId.Varchar, "x")]
    [InlineData("boolean 't'", TypeId.Boolean, "t")]
    public void Typed_literals_carry_their_type_and_text(string sql, TypeId type, string text)
    {
        var literal = Assert.IsType<TypedLiteral>(Expr(sql));
        Assert.Equal(type, literal.Type.Id);
        Assert.Equal(text, literal.Text);
    }

    [Theory]
    [InlineData("interval '90' day", 0, 90, 0L)]
    [InlineData("interval '3 months'", 3, 0, 0L)]
    [InlineData("interval '1' year", 12, 0, 0L)]
    [InlineData("interval '3' month", 3, 0, 0L)]
    [InlineData("interval '1 year 2 mons 3 days'", 14, 3, 0L)]
    [InlineData("interval '1 day 02:03:04'", 0, 1, 7_384_000_000L)]
    [InlineData("interval '2 hours ago'", 0, 0, -7_200_000_000L)]
    [InlineData("interval '1.5 days'", 0, 1, 43_200_000_000L)]
    [InlineData("interval '90'", 0, 0, 90_000_000L)]
    [InlineData("interval '1-2'", 14, 0, 0L)]
    [InlineData("interval '-1 week'", 0, -7, 0L)]
    [InlineData("interval '10' minute", 0, 0, 600_000_000L)]
    [InlineData("interval '1 day 5 hours' day", 0, 1, 0L)]
    [InlineData("interval '2' day to hour", 0, 0, 7_200_000_000L)]
    [InlineData("interval '1:30'", 0, 0, 5_400_000_000L)]
    [InlineData("interval '1 2' day to hour", 0, 1, 7_200_000_000L)]
    [InlineData("interval '3 04:05' day to minute", 0, 3, 14_700_000_000L)]
    [InlineData("interval '1.5 years'", 18, 0, 0L)]
    [InlineData("interval '1.5 months'", 1, 15, 0L)]
    [InlineData("interval '1 year -2 months'", 10, 0, 0L)]
    public void Interval_literals_are_evaluated_by_the_parser(string sql, int months, int days, long micros)
    {
        Assert.Equal(new Interval(months, days, micros), Assert.IsType<IntervalLiteral>(Expr(sql)).Value);
    }

    [Fact]
    public void A_bad_interval_literal_reports_22007_at_the_string()
    {
        var e = Error("select interval 'soon'");
        Assert.Equal("22007", e.SqlState);
        Assert.Equal(17, e.Position);
    }

    [Theory]
    [InlineData("CURRENT_DATE", CurrentValueKind.CurrentDate)]
    [InlineData("current_timestamp", CurrentValueKind.CurrentTimestamp)]
    [InlineData("LOCALTIMESTAMP", CurrentValueKind.LocalTimestamp)]
    [InlineData("sysdate", CurrentValueKind.SysDate)]
    [InlineData("current_user", CurrentValueKind.CurrentUser)]
    [InlineData("session_user", CurrentValueKind.SessionUser)]
    [InlineData("current_schema", CurrentValueKind.CurrentSchema)]
    public void Sql_value_functions_need_no_parentheses(string sql, CurrentValueKind kind)
    {
        Assert.Equal(kind, Assert.IsType<CurrentValueExpr>(Expr(sql)).Kind);
    }

    [Fact]
    public void Current_schema_with_parentheses_is_a_function_call()
    {
        Assert.Equal("current_schema", Assert.IsType<FunctionCall>(Expr("current_schema()")).Name);
    }

    [Theory]
    [InlineData("CAST(a AS numeric(15, 2))", "(cast a numeric(15,2))")]
    [InlineData("a::varchar(10)", "(cast a character varying(10))")]
    [InlineData("a::character varying", "(cast a character varying)")]
    [InlineData("a::char", "(cast a character(1))")]
    [InlineData("a::bpchar", "(cast a character)")]
    [InlineData("a::int8", "(cast a bigint)")]
    [InlineData("a::int2", "(cast a smallint)")]
    [InlineData("a::float4", "(cast a real)")]
    [InlineData("a::float", "(cast a double precision)")]
    [InlineData("a::float(10)", "(cast a real)")]
    [InlineData("a::double precision", "(cast a double precision)")]
    [InlineData("a::text", "(cast a character varying)")]
    [InlineData("a::bool", "(cast a boolean)")]
    [InlineData("a::timestamp without time zone", "(cast a timestamp without time zone)")]
    [InlineData("a::timestamp with time zone", "(cast a timestamp with time zone)")]
    [InlineData("a::interval", "(cast a interval)")]
    [InlineData("a::decimal", "(cast a numeric(18,0))")]
    [InlineData("CONVERT(integer, a)", "(cast a integer)")]
    [InlineData("a::pg_catalog.int4", "(cast a integer)")]
    public void Casts_resolve_type_names_to_sql_types(string sql, string expected)
    {
        Assert.Equal(expected, Render(Expr(sql)));
    }

    [Fact]
    public void Unknown_type_names_raise_undefined_object_and_unsupported_types_raise_0A000()
    {
        Assert.Equal("42704", Error("select a::frobnicate from t").SqlState);
        Assert.Equal("0A000", Error("select a::json from t").SqlState);
        Assert.Equal("0A000", Error("select a[1:2] from t").SqlState);
        Assert.Equal("0A000", Error("select ~ a from t").SqlState);
    }

    [Fact]
    public void Simple_and_searched_case_are_distinguished_by_the_operand()
    {
        var simple = Assert.IsType<CaseExpr>(Expr("CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END"));
        Assert.NotNull(simple.Operand);
        Assert.Equal(2, simple.Whens.Count);
        Assert.IsType<StringLiteral>(simple.Else);

        var searched = Assert.IsType<CaseExpr>(Expr("case when a > 1 then 1 end"));
        Assert.Null(searched.Operand);
        Assert.Null(searched.Else);
        Assert.Equal("(> a 1)", Render(searched.Whens[0].Condition));
    }

    [Fact]
    public void Subquery_expressions_are_parsed()
    {
        Assert.IsType<ExistsExpr>(Expr("exists (select 1 from t)"));
        var notExists = Assert.IsType<UnaryExpr>(Expr("not exists (select 1)"));
        Assert.IsType<ExistsExpr>(notExists.Operand);
        Assert.IsType<ScalarSubqueryExpr>(Expr("(select max(x) from t)"));
        Assert.Equal("(in a subquery)", Render(Expr("a in (select b from t)")));
        Assert.Equal("(notin a subquery)", Render(Expr("a not in (select b from t union select c from u)")));
        var any = Assert.IsType<QuantifiedComparisonExpr>(Expr("a > any (select b from t)"));
        Assert.Equal(Quantifier.Any, any.Quantifier);
        Assert.Equal(BinaryOperator.Greater, any.Operator);
        Assert.Equal(Quantifier.Any, Assert.IsType<QuantifiedComparisonExpr>(Expr("a = some (select b from t)")).Quantifier);
        Assert.Equal(Quantifier.All, Assert.IsType<QuantifiedComparisonExpr>(Expr("a <> all (select b from t)")).Quantifier);
    }

    [Fact]
    public void Parenthesized_subquery_inside_arithmetic_backtracks_to_an_expression()
    {
        Assert.Equal("(+ ScalarSubqueryExpr 2)", Render(Expr("((select 1) + 2)")));
        Assert.Equal("(in a [ScalarSubqueryExpr 2])", Render(Expr("a in ((select 1), 2)")));
    }

    [Fact]
    public void Array_forms_used_by_catalog_queries_parse()
    {
        var any = Assert.IsType<ArrayComparisonExpr>(Expr("1 = any('{1,2}')"));
        Assert.Equal(Quantifier.Any, any.Quantifier);
        Assert.Equal(2, Assert.IsType<ArrayConstructorExpr>(Expr("array[1, 2]")).Items.Count);
        Assert.IsType<ArraySubscriptExpr>(Expr("a[1]"));
        Assert.Equal(CatalogType.Array, Assert.IsType<CatalogCastExpr>(Expr("a::int[]")).Type);
        Assert.IsType<ArraySubqueryExpr>(Expr("array(select 1)"));
    }

    [Fact]
    public void Catalog_casts_operator_syntax_and_default_collation_parse()
    {
        Assert.Equal(CatalogType.RegClass, Assert.IsType<CatalogCastExpr>(Expr("c.oid::pg_catalog.regclass")).Type);
        Assert.Equal(CatalogType.Char1, Assert.IsType<CatalogCastExpr>(Expr("''::pg_catalog.char")).Type);
        Assert.Equal(CatalogType.Char1, Assert.IsType<CatalogCastExpr>(Expr("'x'::\"char\"")).Type);
        Assert.Equal(CatalogType.Oid, Assert.IsType<CatalogCastExpr>(Expr("cast('1' as oid)")).Type);
        Assert.IsType<CastExpr>(Expr("'x'::char(3)"));
        var regex = Assert.IsType<BinaryExpr>(Expr("c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default"));
        Assert.Equal(BinaryOperator.RegexMatch, regex.Operator);
        Assert.Equal("0A000", Error("select a collate \"de_DE\" from t").SqlState);
        Assert.IsType<FieldSelectExpr>(Expr("(f(x)).n"));
    }
}
