using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class TextFunctionTests
{
    private static Columnar.ColumnVector S(params string?[] values) => Strings(SqlType.Text, values);

    [Theory]
    [InlineData("abc%", "abcdef", true)]
    [InlineData("%def", "abcdef", true)]
    [InlineData("%cd%", "abcdef", true)]
    [InlineData("a_c%", "abcdef", true)]
    [InlineData("a%c%f", "abcdef", true)]
    [InlineData("a%x%f", "abcdef", false)]
    [InlineData("abcdef", "abcdef", true)]
    [InlineData("abc", "abcdef", false)]
    [InlineData("%", "", true)]
    [InlineData("_", "", false)]
    [InlineData("100\\%", "100%", true)]
    [InlineData("100\\%", "1000", false)]
    [InlineData("%special%requests%", "x special y requests z", true)]
    [InlineData("%BRASS", "LARGE BRUSHED BRASS", true)]
    public void Like_matches_postgresql_patterns(string pattern, string value, bool expected)
    {
        Assert.Equal([expected ? "t" : "f"], CallText("like", S(value), S(pattern)));
    }

    [Fact]
    public void Ilike_ignores_case_and_escape_can_be_changed()
    {
        Assert.Equal(["t"], CallText("ilike", S("Hello World"), S("hello%")));
        Assert.Equal(["t", "f"], CallText("like", S("a_b", "axb"), S("a#_b"), S("#")));
    }

    [Fact]
    public void A_like_pattern_ending_in_the_escape_character_raises_22025()
    {
        var ex = Assert.Throws<SqlException>(() => Call("like", S("a"), S("a\\")));
        Assert.Equal(SqlState.InvalidEscapeSequence, ex.SqlState);
    }

    [Fact]
    public void Concatenation_converts_non_text_operands_and_is_null_on_null()
    {
        Assert.Equal(["a1", "NULL"], CallText("||", S("a", null), Ints(1, 2)));
        Assert.Equal(["ab1"], CallText("concat", S("a"), S((string?)null), S("b"), Ints(1)));
    }

    [Theory]
    [InlineData("hello", 2, 3, "ell")]
    [InlineData("hello", 0, 3, "he")]
    [InlineData("hello", -5, 3, "")]
    [InlineData("hello", 4, 100, "lo")]
    public void Substring_follows_postgresql_for_starts_before_the_string(string s, int start, int count, string expected)
    {
        Assert.Equal([expected], CallText("substring", S(s), Ints(start), Ints(count)));
    }

    [Fact]
    public void Negative_substring_length_raises_22011()
    {
        Assert.Equal("22011", Assert.Throws<SqlException>(() => Call("substr", S("abc"), Ints(1), Ints(-1))).SqlState);
    }

    [Fact]
    public void Common_string_functions_behave_like_postgresql()
    {
        Assert.Equal(["5"], CallText("length", S("héllo")));
        Assert.Equal(["6"], CallText("octet_length", S("héllo")));
        Assert.Equal(["HELLO"], CallText("upper", S("hello")));
        Assert.Equal(["ab"], CallText("left", S("abc"), Ints(-1)));
        Assert.Equal(["bc"], CallText("right", S("abc"), Ints(2)));
        Assert.Equal(["3"], CallText("position", S("c"), S("abc")));
        Assert.Equal(["3"], CallText("strpos", S("abc"), S("c")));
        Assert.Equal(["xxabc", "ab"], CallText("lpad", S("abc", "abc"), Ints(5, 2), S("x")));
        Assert.Equal(["abc  "], CallText("rpad", S("abc"), Ints(5)));
        Assert.Equal(["abc"], CallText("btrim", S("xxabcxx"), S("x")));
        Assert.Equal(["abc  "], CallText("ltrim", S("  abc  ")));
        Assert.Equal(["a-b-c"], CallText("replace", S("a.b.c"), S("."), S("-")));
        Assert.Equal(["ababab"], CallText("repeat", S("ab"), Ints(3)));
        Assert.Equal(["cba"], CallText("reverse", S("abc")));
        Assert.Equal(["b", "c", ""], CallText("split_part", S("a,b,c"), S(","), Ints(2, -1, 5)));
        Assert.Equal(["Hello World"], CallText("initcap", S("hELLO wORLD")));
        Assert.Equal(["a2x5"], CallText("translate", S("12345"), S("143"), S("ax")));
        Assert.Equal(["65"], CallText("ascii", S("A")));
        Assert.Equal(["A"], CallText("chr", Ints(65)));
        Assert.Equal(["900150983cd24fb0d6963f7d28e17f72"], CallText("md5", S("abc")));
    }

    [Fact]
    public void Regexp_replace_replaces_the_first_match_unless_global()
    {
        Assert.Equal(["bac"], CallText("regexp_replace", S("aac"), S("a"), S("b")));
        Assert.Equal(["bbc"], CallText("regexp_replace", S("aac"), S("a"), S("b"), S("g")));
        Assert.Equal(["[aa]c"], CallText("regexp_replace", S("aac"), S("(a+)"), S("[\\1]")));
    }

    [Fact]
    public void Regexp_substr_and_count_find_matches()
    {
        Assert.Equal(["123", "NULL"], CallText("regexp_substr", S("ab123cd", "abc"), S("[0-9]+")));
        Assert.Equal(["3"], CallText("regexp_count", S("a1b2c3"), S("[0-9]")));
    }

    [Fact]
    public void An_invalid_regular_expression_raises_2201B()
    {
        Assert.Equal(SqlState.InvalidRegularExpression, Assert.Throws<SqlException>(() => Call("regexp_count", S("a"), S("("))).SqlState);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "a%", true)]
    [InlineData("abc", "(a|x)bc", true)]
    [InlineData("abc", "[a-c]+", true)]
    [InlineData("a.c", "a.c", true)]
    [InlineData("abc", "a.c", false)]
    [InlineData("abc", "b%", false)]
    public void Similar_to_uses_sql_regular_expressions(string value, string pattern, bool expected)
    {
        Assert.Equal([expected ? "t" : "f"], CallText("similar_to", S(value), S(pattern)));
    }

    [Fact]
    public void Concat_ws_and_overlay()
    {
        Assert.Equal(["a-c"], CallText("concat_ws", S("-"), S("a"), S((string?)null), S("c")));
        Assert.Equal(["Thomas"], CallText("overlay", S("Txxxxas"), S("hom"), Ints(2), Ints(4)));
    }

    [Fact]
    public void Substring_with_a_pattern_returns_the_match_or_its_group()
    {
        Assert.Equal(["123"], CallText("substring", S("ab123"), S("[0-9]+")));
        Assert.Equal(["b"], CallText("substring", S("abc"), S("(b)c")));
        Assert.Equal(["NULL"], CallText("substring", S("xyz"), S("q")));
        Assert.Equal(["3"], CallText("regexp_instr", S("ab123"), S("[0-9]")));
        Assert.Equal(["0"], CallText("regexp_instr", S("abc"), S("[0-9]")));
    }

    [Fact]
    public void Absurd_lengths_raise_sql_errors_not_crashes()
    {
        Assert.Equal(SqlState.ProgramLimitExceeded, Assert.Throws<SqlException>(() => Call("lpad", S("x"), Ints(2_000_000_000))).SqlState);
        Assert.Equal(SqlState.ProgramLimitExceeded, Assert.Throws<SqlException>(() => Call("repeat", S("xx"), Ints(1_000_000_000))).SqlState);
    }
}
