using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Tests.Configuration;

public sealed class HoconSpec
{
    [Fact]
    public void Parses_objects_dotted_keys_and_scalars()
    {
        var c = ConfigurationFactory.ParseString("""
            # comment
            a { b = 1, c: "two" }
            a.d = true   // trailing comment
            e = 10 s
            f = 128000b
            """);
        Assert.Equal(1, c.GetInt("a.b"));
        Assert.Equal("two", c.GetString("a.c"));
        Assert.True(c.GetBoolean("a.d"));
        Assert.Equal(TimeSpan.FromSeconds(10), c.GetTimeSpan("e"));
        Assert.Equal(128000, c.GetByteSize("f"));
    }

    [Fact]
    public void Repeated_objects_merge_and_later_scalars_win()
    {
        var c = ConfigurationFactory.ParseString("x { a = 1 }\nx { b = 2 }\nx.a = 3");
        Assert.Equal(3, c.GetInt("x.a"));
        Assert.Equal(2, c.GetInt("x.b"));
    }

    [Fact]
    public void Arrays_quoted_keys_and_triple_quoted_strings()
    {
        var c = ConfigurationFactory.ParseString("""
            list = [a, "b c", d]
            "weird.key" = 5
            text = \"\"\"multi
            line\"\"\"
            """.Replace("\\\"", "\""));
        Assert.Equal(["a", "b c", "d"], c.GetStringList("list"));
        Assert.Equal(5, c.GetInt("\"weird.key\""));
        Assert.Equal("multi\nline", c.GetString("text"));
    }

    [Fact]
    public void Substitutions_resolve_against_the_document_and_optional_ones_may_vanish()
    {
        var c = ConfigurationFactory.ParseString("""
            base = 4053
            port = ${base}
            url = "host:"${base}
            maybe = ${?AW_SURELY_UNDEFINED_VARIABLE_123}
            """);
        Assert.Equal(4053, c.GetInt("port"));
        Assert.Equal("host:4053", c.GetString("url"));
        Assert.False(c.HasPath("maybe"));
    }

    [Fact]
    public void WithFallback_fills_in_missing_keys_only()
    {
        var main = ConfigurationFactory.ParseString("a { x = 1 }");
        var fallback = ConfigurationFactory.ParseString("a { x = 9, y = 2 }");
        var merged = main.WithFallback(fallback);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(2, merged.GetInt("a.y"));
    }

    [Theory]
    [InlineData("a = ")]
    [InlineData("a { b = 1")]
    [InlineData("a = \"unterminated")]
    [InlineData("a = ${missing.path}")]
    [InlineData("include \"other.conf\"")]
    public void Malformed_text_raises_ConfigurationException(string text)
    {
        Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString(text));
    }

    [Fact]
    public void The_embedded_reference_configuration_provides_the_documented_defaults()
    {
        var c = ConfigurationFactory.Default();
        Assert.Equal(30, c.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(1000, c.GetInt("akka.actor.bounded-mailbox.mailbox-capacity"));
        Assert.Equal("127.0.0.1", c.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(Timeout.InfiniteTimeSpan, c.GetTimeSpan("akka.actor.ask-timeout"));
    }

    [Fact]
    public void Settings_are_read_once_into_a_typed_object()
    {
        var settings = new Settings("s", ConfigurationFactory.ParseString("akka.loglevel = ERROR").WithFallback(ConfigurationFactory.Default()));
        Assert.Equal(ActorWarehouse.Actors.Event.LogLevel.ErrorLevel, settings.LogLevel);
        Assert.Equal("local", settings.Provider);
    }
}
