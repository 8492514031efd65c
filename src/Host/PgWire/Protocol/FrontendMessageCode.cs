namespace ActorWarehouse.Host.PgWire.Protocol;

/// <summary>Type bytes of the messages a client sends after the startup packet (PostgreSQL protocol 3.0, "Message Formats").</summary>
internal static class FrontendMessageCode
{
    public const byte Query = (byte)'Q';
    public const byte Parse = (byte)'P';
    public const byte Bind = (byte)'B';
    public const byte Describe = (byte)'D';
    public const byte Execute = (byte)'E';
    public const byte Sync = (byte)'S';
    public const byte Flush = (byte)'H';
    public const byte Close = (byte)'C';
    public const byte Terminate = (byte)'X';
    public const byte CopyData = (byte)'d';
    public const byte CopyDone = (byte)'c';
    public const byte CopyFail = (byte)'f';
    /// <summary>PasswordMessage, SASLInitialResponse and SASLResponse all use 'p'.</summary>
    public const byte Password = (byte)'p';
    public const byte FunctionCall = (byte)'F';

    /// <summary>Messages that may carry large payloads (SQL text, parameter values, COPY data).</summary>
    public static bool IsLarge(byte code) => code is Query or Parse or Bind or CopyData or FunctionCall;
}
