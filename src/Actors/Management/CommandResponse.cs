namespace ActorWarehouse.Actors.Management;

/// <summary>
/// Output of a command, sent to the command's sender: any number of non-final lines, then a final response
/// (<see cref="Empty"/> when there is nothing more to say). Text may hold several lines.
/// </summary>
public sealed record CommandResponse(string Text, bool Final = true)
{
    public static readonly CommandResponse Empty = new("", true);
}

/// <summary>Ends a command with an error (the client exits non-zero).</summary>
public sealed record ErroredCommandResponse(string Message);
