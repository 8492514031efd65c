namespace ActorWarehouse.Host.PgWire.Protocol;

/// <summary>
/// A client sent something the protocol forbids or a value that cannot be decoded. <see cref="Fatal"/> ones (bad
/// framing, wrong phase, unknown message type) end the connection with FATAL; the others (undecodable parameter,
/// invalid UTF-8, a Bind that does not fit its statement) are an ordinary ErrorResponse, as in PostgreSQL.
/// </summary>
internal sealed class PgProtocolException(string message, string sqlState = WireSqlState.ProtocolViolation, bool? fatal = null) : Exception(message)
{
    public string SqlState { get; } = sqlState;

    public bool Fatal { get; } = fatal ?? sqlState == WireSqlState.ProtocolViolation;
}
