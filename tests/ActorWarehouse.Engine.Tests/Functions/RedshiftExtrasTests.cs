using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class RedshiftExtrasTests
{
    private static Columnar.ColumnVector S(params string?[] texts) => Strings(SqlType.Text, texts);

    [Fact]
    public void Json_extract_path_text_walks_keys_and_array_positions()
    {
        Assert.Equal(["x", "NULL"], CallText("json_extract_path_text", S("{\"a\":{\"b\":[10,\"x\"]}}", "{\"a\":null}"), S("a"), S("b"), S("1")));
        Assert.Equal(["{\"c\":true}"], CallText("json_extract_path_text", S("{\"a\":{\"b\":[10,\"x\",{\"c\":true}]}}"), S("a"), S("b"), S("2")));
        Assert.Throws<SqlException>(() => Call("json_extract_path_text", S("not json"), S("a")));
    }

    [Fact]
    public void Json_array_functions_index_from_zero()
    {
        Assert.Equal(["3"], CallText("json_array_length", S("[1,2,3]")));
        Assert.Equal(["2"], CallText("json_extract_array_element_text", S("[1,2,3]"), Ints(1)));
        Assert.Equal(["t", "f"], CallText("is_valid_json", S("{}", "{")));
    }

    [Fact]
    public void Hashes_quoting_and_strtol()
    {
        Assert.Equal(["a9993e364706816aba3e25717850c26c9cd0d89d"], CallText("sha1", S("abc")));
        Assert.Equal(["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"], CallText("sha2", S("abc"), Ints(256)));
        Assert.Equal(["abc", "\"Abc\""], CallText("quote_ident", S("abc", "Abc")));
        Assert.Equal(["'it''s'"], CallText("quote_literal", S("it's")));
        Assert.Equal(["255", "-5"], CallText("strtol", S("ff", "-101"), Ints(16, 2)));
    }

    [Fact]
    public void Date_cmp_and_replicate()
    {
        Assert.Equal(["-1", "0"], CallText("date_cmp", Parsed(SqlType.Date, "2024-01-01", "2024-01-02"), Parsed(SqlType.Date, "2024-01-02", "2024-01-02")));
        Assert.Equal(["abab"], CallText("replicate", S("ab"), Ints(2)));
    }

    [Fact]
    public void Bit_and_and_bit_or_fold_integers()
    {
        var resolved = FunctionRegistry.ResolveAggregate("bit_or", [SqlType.Integer], false);
        var state = resolved.Create();
        state.EnsureGroups(1);
        state.Update([Ints(1, 2, 4, null)], [0, 0, 0, 0], 4);
        Assert.Equal(["7"], Texts(state.Finish(1)));
    }
}
