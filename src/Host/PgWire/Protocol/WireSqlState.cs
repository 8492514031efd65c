namespace ActorWarehouse.Host.PgWire.Protocol;

/// <summary>SQLSTATEs the wire layer raises itself (the engine's live in ActorWarehouse.Engine.Errors.SqlState).</summary>
internal static class WireSqlState
{
    public const string SuccessfulCompletion = "00000";
    public const string ProtocolViolation = "08P01";
    public const string FeatureNotSupported = "0A000";
    public const string InvalidAuthorizationSpecification = "28000";
    public const string InvalidPassword = "28P01";
    public const string InvalidCatalogName = "3D000";
    public const string InvalidBinaryRepresentation = "22P03";
    public const string CharacterNotInRepertoire = "22021";
    public const string NumericValueOutOfRange = "22003";
    public const string DuplicatePreparedStatement = "42P05";
    public const string InvalidSqlStatementName = "26000";
    public const string InvalidCursorName = "34000";
    public const string QueryCanceled = "57014";
    public const string AdminShutdown = "57P01";
    public const string CannotConnectNow = "57P03";
    public const string TooManyConnections = "53300";
    public const string ProgramLimitExceeded = "54000";
    public const string InternalError = "XX000";
}
