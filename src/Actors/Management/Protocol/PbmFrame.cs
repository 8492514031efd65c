namespace ActorWarehouse.Actors.Management.Protocol;

/// <summary>Frame types of the management protocol (see README.md in this folder). One ASCII letter each.</summary>
public enum PbmFrameType : byte
{
    /// <summary>Server → client, first frame: "aw-pbm/1 &lt;system address&gt;".</summary>
    Hello = (byte)'H',
    /// <summary>Client → server: one command line.</summary>
    Command = (byte)'Q',
    /// <summary>Client → server: stop the running command (empty payload).</summary>
    Cancel = (byte)'C',
    /// <summary>Server → client: output text of the running command (may hold several lines).</summary>
    Output = (byte)'O',
    /// <summary>Server → client: error or usage text of the running command.</summary>
    Error = (byte)'E',
    /// <summary>Server → client: the command finished; payload is one status byte.</summary>
    Done = (byte)'D',
}

/// <summary>How a command ended (the payload of a Done frame).</summary>
public enum PbmStatus : byte
{
    Ok = 0,
    /// <summary>The command ran and failed (bad address, unreachable node, timeout...).</summary>
    Failed = 1,
    /// <summary>Unknown command or bad arguments; the Error frames hold the usage.</summary>
    Usage = 2,
    /// <summary>The client cancelled the command.</summary>
    Cancelled = 3,
}

/// <summary>One frame: a type and a UTF-8 text payload (Done frames carry a status byte instead).</summary>
public readonly record struct PbmFrame(PbmFrameType Type, string Text, PbmStatus Status = PbmStatus.Ok)
{
    public static PbmFrame Output(string text) => new(PbmFrameType.Output, text);
    public static PbmFrame Error(string text) => new(PbmFrameType.Error, text);
    public static PbmFrame Done(PbmStatus status) => new(PbmFrameType.Done, "", status);
    public static PbmFrame Command(string line) => new(PbmFrameType.Command, line);
    public static PbmFrame Cancel { get; } = new(PbmFrameType.Cancel, "");
}

/// <summary>A frame that breaks the protocol (unknown type, too long, not UTF-8, truncated).</summary>
public sealed class PbmProtocolException(string message) : Exception(message);
