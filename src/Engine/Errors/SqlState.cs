namespace ActorWarehouse.Engine.Errors;

/// <summary>
/// PostgreSQL SQLSTATE codes the engine raises, grouped by class as in the PostgreSQL manual's
/// appendix A ("PostgreSQL Error Codes"). Always name a code here; never write a bare string.
/// </summary>
public static class SqlState
{
    // Class 0A — Feature Not Supported
    public const string FeatureNotSupported = "0A000";

    // Class 21 — Cardinality Violation
    public const string CardinalityViolation = "21000";

    // Class 22 — Data Exception
    public const string DataException = "22000";
    public const string StringDataRightTruncation = "22001";
    public const string NumericValueOutOfRange = "22003";
    public const string NullValueNotAllowed = "22004";
    public const string InvalidDatetimeFormat = "22007";
    public const string DatetimeFieldOverflow = "22008";
    public const string DivisionByZero = "22012";
    public const string InvalidParameterValue = "22023";
    public const string InvalidTextRepresentation = "22P02";
    public const string CharacterNotInRepertoire = "22021";
    public const string InvalidRegularExpression = "2201B";
    public const string BadCopyFileFormat = "22P04";
    public const string InvalidEscapeSequence = "22025";
    public const string InvalidRowCountInLimit = "2201W";
    public const string InvalidRowCountInOffset = "2201X";
    public const string SequenceGeneratorLimitExceeded = "2200H";
    public const string SubstringError = "22011";
    public const string InvalidArgumentForLogarithm = "2201E";
    public const string InvalidArgumentForPowerFunction = "2201F";

    // Class 23 — Integrity Constraint Violation
    public const string NotNullViolation = "23502";

    // Class 25 — Invalid Transaction State
    public const string ActiveSqlTransaction = "25001";
    public const string NoActiveSqlTransaction = "25P01";
    public const string InFailedSqlTransaction = "25P02";

    // Class 08 — Connection Exception
    public const string ProtocolViolation = "08P01";

    // Class 26 — Invalid SQL Statement Name
    public const string InvalidSqlStatementName = "26000";

    // Class 28 — Invalid Authorization Specification
    public const string InvalidPassword = "28P01";

    // Class 40 — Transaction Rollback
    public const string SerializationFailure = "40001";

    // Class 42 — Syntax Error or Access Rule Violation
    public const string SyntaxError = "42601";
    public const string InsufficientPrivilege = "42501";
    public const string UndefinedColumn = "42703";
    public const string UndefinedFunction = "42883";
    public const string UndefinedTable = "42P01";
    public const string UndefinedObject = "42704";
    public const string InvalidSchemaName = "3F000";
    public const string DuplicateTable = "42P07";
    public const string DuplicateSchema = "42P06";
    public const string DuplicateObject = "42710";
    public const string DuplicateColumn = "42701";
    public const string DuplicateAlias = "42712";
    public const string DuplicatePreparedStatement = "42P05";
    public const string ReservedName = "42939";
    public const string AmbiguousColumn = "42702";
    public const string DatatypeMismatch = "42804";
    public const string GroupingError = "42803";
    public const string WindowingError = "42P20";
    public const string InvalidColumnReference = "42P10";
    public const string WrongObjectType = "42809";
    public const string CannotCoerce = "42846";
    public const string InvalidTableDefinition = "42P16";
    public const string InvalidObjectDefinition = "42P17";
    public const string InvalidRecursion = "42P19";
    public const string UndefinedParameter = "42P02";
    public const string DependentObjectsStillExist = "2BP01";

    // Class 53 — Insufficient Resources
    public const string OutOfMemory = "53200";
    public const string DiskFull = "53100";

    // Class 54 — Program Limit Exceeded
    public const string ProgramLimitExceeded = "54000";

    // Class 55 — Object Not In Prerequisite State
    public const string ObjectNotInPrerequisiteState = "55000";
    public const string ObjectInUse = "55006";
    public const string CantChangeRuntimeParam = "55P02";

    // Class 57 — Operator Intervention
    public const string QueryCanceled = "57014";

    // Class 58 — System Error
    public const string IoError = "58030";

    // Class XX — Internal Error
    public const string InternalError = "XX000";
    public const string DataCorrupted = "XX001";
}
