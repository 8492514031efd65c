namespace ActorWarehouse.Actors.Management;

/// <summary>
/// Base of a palette's handler actor (one per client connection). Register a handler per command with
/// <see cref="Process"/>; a handler answers its <c>Sender</c> with <see cref="CommandResponse"/> lines and a
/// final response, or an <see cref="ErroredCommandResponse"/>. Forwarding the command keeps the sender, so
/// another actor can stream the output. A handler that throws ends its command with an error.
/// </summary>
public abstract class CommandHandlerActor : ReceiveActor
{
    private readonly Dictionary<string, Action<Command>> _handlers = new(StringComparer.Ordinal);

    protected CommandHandlerActor(CommandPalette palette)
    {
        Palette = palette;
        Receive<Command>(c => c.Palette.ModuleName == Palette.ModuleName, Handle);
    }

    protected CommandPalette Palette { get; }

    protected void Process(string commandName, Action<Command> handler)
    {
        if (Palette.Find(commandName) is null)
            throw new ArgumentException($"palette '{Palette.ModuleName}' has no command '{commandName}'", nameof(commandName));
        _handlers[commandName] = handler;
    }

    private void Handle(Command command)
    {
        if (!_handlers.TryGetValue(command.Name, out var handler))
        {
            Sender.Tell(new ErroredCommandResponse($"command '{command}' has no handler on this node"));
            return;
        }
        try { handler(command); }
        catch (Exception e)
        {
            Sender.Tell(new ErroredCommandResponse($"command '{command}' failed: {e.Message}"));
        }
    }

    /// <summary>Sends one line (or several, newline-separated) of non-final output to the current sender.</summary>
    protected void Reply(string text) => Sender.Tell(new CommandResponse(text, false));

    /// <summary>Sends the last line (or none) and ends the command.</summary>
    protected void Complete(string? text = null) => Sender.Tell(text is null ? CommandResponse.Empty : new CommandResponse(text));

    protected void Fail(string message) => Sender.Tell(new ErroredCommandResponse(message));
}
