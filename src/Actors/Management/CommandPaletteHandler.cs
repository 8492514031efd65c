namespace ActorWarehouse.Actors.Management;

/// <summary>
/// Registers a palette with the <see cref="ManagementHost"/>: the palette and the props of its handler actor,
/// created once per client connection. Override <see cref="OnRegister"/> to create shared actors.
/// </summary>
public abstract class CommandPaletteHandler(CommandPalette palette)
{
    public CommandPalette Palette { get; } = palette;

    public abstract Props HandlerProps { get; }

    public virtual void OnRegister(ManagementHost host) { }
}
