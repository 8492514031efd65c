using ActorWarehouse.Host.Node;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary><c>aw node</c>: runs a warehouse node in the foreground until Ctrl-C or SIGTERM.</summary>
public sealed class NodeCommand : ICliCommand
{
    public string Name => "node";

    public string Summary => "run a warehouse node (SQL on port 5439, cluster member, management host) until Ctrl-C";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        NodeOptions options;
        try
        {
            options = NodeOptions.Parse(args);
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"aw node: {e.Message}");
            Console.Error.WriteLine(NodeOptions.Usage);
            return 2;
        }
        return await NodeRunner.RunAsync(options, NodeServices.All(options), Console.Out, cancellationToken);
    }
}
