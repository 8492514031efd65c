namespace ActorWarehouse.Host.PgWire.Protocol;

/// <summary>Type bytes of the messages the server sends (PostgreSQL protocol 3.0).</summary>
internal static class BackendMessageCode
{
    public const byte Authentication = (byte)'R';
    public const byte ParameterStatus = (byte)'S';
    public const byte BackendKeyData = (byte)'K';
    public const byte ReadyForQuery = (byte)'Z';
    public const byte RowDescription = (byte)'T';
    public const byte DataRow = (byte)'D';
    public const byte CommandComplete = (byte)'C';
    public const byte EmptyQueryResponse = (byte)'I';
    public const byte ErrorResponse = (byte)'E';
    public const byte NoticeResponse = (byte)'N';
    public const byte ParseComplete = (byte)'1';
    public const byte BindComplete = (byte)'2';
    public const byte CloseComplete = (byte)'3';
    public const byte ParameterDescription = (byte)'t';
    public const byte NoData = (byte)'n';
    public const byte PortalSuspended = (byte)'s';
    public const byte CopyInResponse = (byte)'G';
    public const byte CopyOutResponse = (byte)'H';
    public const byte CopyData = (byte)'d';
    public const byte CopyDone = (byte)'c';
    public const byte NegotiateProtocolVersion = (byte)'v';
}

/// <summary>Codes of the Authentication ('R') message.</summary>
internal static class AuthenticationCode
{
    public const int Ok = 0;
    public const int CleartextPassword = 3;
    public const int Md5Password = 5;
    public const int Sasl = 10;
    public const int SaslContinue = 11;
    public const int SaslFinal = 12;
}

/// <summary>The Int32 that opens a connection's first packet (it has no type byte).</summary>
internal static class StartupCode
{
    /// <summary>Protocol 3.0: major 3 in the high 16 bits, minor 0.</summary>
    public const int Protocol30 = 3 << 16;
    public const int CancelRequest = 80877102;
    public const int SslRequest = 80877103;
    public const int GssEncRequest = 80877104;
}
