using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>A target column of COPY: name (for load errors), type, and whether NULL is refused.</summary>
public sealed record CopyColumn(string Name, SqlType Type, bool NotNull = false);

/// <summary>
/// COPY data-format options (Redshift names). Defaults are Redshift's text format: '|' delimited, NULL AS '\N',
/// UTF-8, no header, MAXERROR 0. With <see cref="Csv"/>, the delimiter defaults to ',' and an empty unquoted
/// field is NULL unless <see cref="NullAs"/> says otherwise.
/// </summary>
public sealed record CopyOptions
{
    /// <summary>Field separator; null means '|' for text and ',' for CSV.</summary>
    public char? Delimiter { get; init; }
    public bool Csv { get; init; }
    public char Quote { get; init; } = '"';
    /// <summary>Lines skipped at the start of the file (IGNOREHEADER n).</summary>
    public int IgnoreHeader { get; init; }
    /// <summary>NULL AS 'x'; null means '\N' for text format and the empty unquoted field for CSV.</summary>
    public string? NullAs { get; init; }
    public bool EmptyAsNull { get; init; }
    public bool BlanksAsNull { get; init; }
    /// <summary>DATEFORMAT: 'auto' or a pattern of YYYY, YY, MM, MON, DD and literal separators.</summary>
    public string DateFormat { get; init; } = "auto";
    /// <summary>TIMEFORMAT: 'auto', 'epochsecs', 'epochmillisecs' or a pattern (DATEFORMAT parts plus HH24, HH, MI, SS, US, MS, AM/PM).</summary>
    public string TimeFormat { get; init; } = "auto";
    /// <summary>Rows that may fail before the whole COPY fails (MAXERROR n).</summary>
    public int MaxError { get; init; }
    public bool TruncateColumns { get; init; }
    /// <summary>ACCEPTINVCHARS [AS 'c']: invalid UTF-8 is replaced by this character instead of failing the row.</summary>
    public char? AcceptInvChars { get; init; }
    /// <summary>FILLRECORD: missing trailing fields load as NULL instead of failing the row.</summary>
    public bool FillRecord { get; init; }
    /// <summary>IGNOREBLANKLINES: empty lines are skipped.</summary>
    public bool IgnoreBlankLines { get; init; }
    /// <summary>TRIMBLANKS: trailing blanks removed from VARCHAR fields.</summary>
    public bool TrimBlanks { get; init; }
    /// <summary>REMOVEQUOTES (text format): surrounding quotes removed from fields.</summary>
    public bool RemoveQuotes { get; init; }
    /// <summary>ROUNDEC: round decimals with too many fraction digits instead of truncating them.</summary>
    public bool RoundDecimals { get; init; }
    /// <summary>GZIP; a gzip file is also recognised by its magic bytes without this flag.</summary>
    public bool Gzip { get; init; }

    internal byte DelimiterByte => (byte)(Delimiter ?? (Csv ? ',' : '|'));
}
