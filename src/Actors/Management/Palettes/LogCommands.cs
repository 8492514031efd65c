using System.Text.Json.Nodes;

namespace ActorWarehouse.Actors.Management.Palettes;

/// <summary>The <c>log</c> palette: <c>log peek [-c N]</c> prints the most recent log lines of the actor system.</summary>
public sealed class LogCommands() : CommandPaletteHandler(Definition)
{
    public static readonly CommandPalette Definition = new("log", "recent log lines of this node's actor system",
    [
        new CommandDefinitionBuilder().WithName("peek").WithDescription("print the most recent log lines")
            .WithArgument(a => a.WithName("count").WithSwitch("-c").WithDescription("how many lines").WithDefaultValues("50").IsInteger(1, 1000))
            .Build(),
    ]);

    public override Props HandlerProps => Props.CreateBy(() => new Handler());

    private sealed class Handler : CommandHandlerActor
    {
        public Handler() : base(Definition)
        {
            Process("peek", command =>
            {
                var lines = ManagementHost.Get(Context.System).LogBuffer.Recent((int)command.Integer("count", 50));
                if (command.Json)
                {
                    Complete(new JsonObject { ["lines"] = new JsonArray([.. lines.Select(l => JsonValue.Create(l))]) }.ToJsonString());
                    return;
                }
                foreach (var line in lines) Reply(line);
                Complete();
            });
        }
    }
}
