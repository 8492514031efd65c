using System.Text;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Storage.Loading;

internal enum TimeMode : byte { Auto, EpochSeconds, EpochMillis, Pattern }

/// <summary>Options resolved once per COPY and shared (read-only) by the chunk parsers.</summary>
internal sealed class CopyReaderSettings
{
    public CopyReaderSettings(string fileName, IReadOnlyList<CopyColumn> columns, CopyOptions options, ICopyValueParser parser)
    {
        FileName = fileName;
        Columns = columns;
        Options = options;
        Parser = parser;
        if (options.Csv && options.Quote == options.DelimiterByte)
            throw new SqlException(SqlState.InvalidParameterValue, "COPY delimiter and quote must be different");
        if (options.Delimiter is { } d && (d > 0x7F || d == '\n' || d == '\r'))
            throw new SqlException(SqlState.InvalidParameterValue, "COPY delimiter must be a single one-byte character other than a newline");
        if (options.MaxError < 0) throw new SqlException(SqlState.InvalidParameterValue, "MAXERROR must not be negative");
        if (options.IgnoreHeader < 0) throw new SqlException(SqlState.InvalidParameterValue, "IGNOREHEADER must not be negative");
        NullAs = options.NullAs is { } nullAs ? Encoding.UTF8.GetBytes(nullAs) : options.Csv ? null : "\\N"u8.ToArray();
        DatePattern = IsAuto(options.DateFormat) ? null : new DateFormatPattern(options.DateFormat);
        if (IsAuto(options.TimeFormat)) TimeMode = TimeMode.Auto;
        else if (options.TimeFormat.Equals("epochsecs", StringComparison.OrdinalIgnoreCase)) TimeMode = TimeMode.EpochSeconds;
        else if (options.TimeFormat.Equals("epochmillisecs", StringComparison.OrdinalIgnoreCase)) TimeMode = TimeMode.EpochMillis;
        else
        {
            TimeMode = TimeMode.Pattern;
            TimePattern = new DateFormatPattern(options.TimeFormat);
        }
    }

    public string FileName { get; }
    public IReadOnlyList<CopyColumn> Columns { get; }
    public CopyOptions Options { get; }
    public ICopyValueParser Parser { get; }
    /// <summary>Bytes that mean NULL in an unquoted field, or null (CSV default: only the empty unquoted field).</summary>
    public byte[]? NullAs { get; }
    public DateFormatPattern? DatePattern { get; }
    public TimeMode TimeMode { get; }
    public DateFormatPattern? TimePattern { get; }

    private static bool IsAuto(string? format) => format is null || format.Equals("auto", StringComparison.OrdinalIgnoreCase);
}
