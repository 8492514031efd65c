using ActorWarehouse.Host.Cli;

namespace ActorWarehouse.Host.Tests.Cli;

public sealed class CommandTableSpec
{
    [Theory]
    [InlineData("sql")]
    [InlineData("gen tpch")]
    [InlineData("slt")]
    [InlineData("bench tpch")]
    [InlineData("demo")]
    public void Every_documented_command_is_registered(string name) =>
        Assert.Contains(CommandTable.Commands, c => c.Name == name);

    [Fact]
    public void Command_names_are_unique() =>
        Assert.Equal(CommandTable.Commands.Count, CommandTable.Commands.Select(c => c.Name).Distinct().Count());
}
