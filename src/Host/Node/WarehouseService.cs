using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Node;

/// <summary>Opens the node's warehouse (the data folder, or in memory) and closes it last.</summary>
public sealed class WarehouseService : INodeService
{
    public string Name => "warehouse";

    public Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var folder = context.Options.DataFolder;
        context.Warehouse = folder is null ? Warehouse.OpenInMemory() : Warehouse.Open(Path.GetFullPath(folder));
        context.Log(Name, folder is null ? "in-memory warehouse (nothing is kept after exit)" : $"data folder {Path.GetFullPath(folder)}");
        return Task.CompletedTask;
    }

    public Task StopAsync(NodeContext context)
    {
        context.Warehouse?.Dispose();
        context.Warehouse = null;
        return Task.CompletedTask;
    }
}
