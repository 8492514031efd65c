using System.Text.Json.Nodes;

namespace ActorWarehouse.Actors.Management.Palettes;

/// <summary>
/// The <c>actor</c> palette: <c>actor system</c> (the system's root address) and <c>actor hierarchy [-d N] [-s PATH]</c>
/// (one local actor path per line, depth-first, to N levels below the start, default /user).
/// </summary>
public sealed class ActorCommands() : CommandPaletteHandler(Definition)
{
    public static readonly CommandPalette Definition = new("actor", "the actor system of this node",
    [
        new CommandDefinitionBuilder().WithName("system").WithDescription("print the root address of the actor system").Build(),
        new CommandDefinitionBuilder().WithName("hierarchy").WithDescription("print actor paths below a start path")
            .WithArgument(a => a.WithName("depth").WithSwitch("-d").WithDescription("levels below the start (0 = the start only)").WithDefaultValues("4").IsInteger(0, 64))
            .WithArgument(a => a.WithName("start").WithSwitch("-s").WithDescription("local start path").WithDefaultValues("/user"))
            .Build(),
    ]);

    public override Props HandlerProps => Props.CreateBy(() => new Handler());

    private sealed class Handler : CommandHandlerActor
    {
        public Handler() : base(Definition)
        {
            Process("system", command =>
            {
                var system = Context.System;
                if (command.Json)
                {
                    Complete(new JsonObject
                    {
                        ["address"] = system.Address.ToString(),
                        ["name"] = system.Name,
                        ["startTime"] = system.StartTime.ToString("O"),
                        ["uptimeSeconds"] = Math.Round((DateTime.UtcNow - system.StartTime).TotalSeconds, 1),
                    }.ToJsonString());
                    return;
                }
                Complete(system.Address.ToString());
            });
            Process("hierarchy", command =>
            {
                string start = command.Value("start") ?? "/user";
                var paths = ActorTree.Paths(Context.System, start, (int)command.Integer("depth", 4));
                if (paths is null)
                {
                    Fail($"no local actor at '{start}' (give a path such as /user or /system/x)");
                    return;
                }
                if (command.Json)
                {
                    Complete(new JsonObject { ["actors"] = new JsonArray([.. paths.Select(p => JsonValue.Create(p))]) }.ToJsonString());
                    return;
                }
                foreach (var path in paths) Reply(path);
                Complete();
            });
        }
    }
}

/// <summary>Walks the local actor tree (children are read from concurrent maps: a snapshot, not a consistent cut).</summary>
internal static class ActorTree
{
    public static IReadOnlyList<string>? Paths(ActorSystem system, string start, int depth)
    {
        if (Address.TryParse(start, out var address, out int rest))
        {
            if (!system.IsLocalAddress(address)) return null;
            start = start[rest..];
        }
        var elements = start.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (system.ResolveLocal(elements, ActorPath.UndefinedUid) is not LocalActorRef root) return null;
        var paths = new List<string>();
        Walk(root, depth, paths);
        return paths;
    }

    private static void Walk(LocalActorRef actor, int depth, List<string> paths)
    {
        paths.Add(actor.Path.ToString());
        if (depth == 0) return;
        foreach (var child in actor.Cell.ChildRefs.OrderBy(c => c.Path.Name, StringComparer.Ordinal))
            Walk(child, depth - 1, paths);
    }
}
