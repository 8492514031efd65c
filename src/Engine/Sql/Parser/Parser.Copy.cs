using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

using CopyDirection = ActorWarehouse.Engine.Sql.Ast.CopyDirection;

/// <summary>COPY in Redshift form (word options) and PostgreSQL forms (WITH (...) list and the old word list).</summary>
internal sealed partial class Parser
{
    private Statement ParseCopy()
    {
        int position = ExpectWord("copy").Start;
        QualifiedName? table = null;
        List<string>? columns = null;
        Query? query = null;
        if (IsSymbol("("))
        {
            query = ParseParenthesizedQuery();
        }
        else
        {
            table = ParseQualifiedName();
            if (IsSymbol("("))
            {
                columns = ParseParenthesizedNames();
            }
        }
        CopyDirection direction;
        string? path = null;
        if (AcceptWord("from"))
        {
            direction = CopyDirection.From;
            if (query is not null)
            {
                throw Unexpected(_tokens[_pos - 1]);
            }
            if (!AcceptWord("stdin"))
            {
                if (IsWord("program") || IsWord("stdout"))
                {
                    throw NotSupported("COPY FROM " + Current.Text.ToUpperInvariant(), Current.Start);
                }
                path = ParseStringConstant();
            }
        }
        else if (AcceptWord("to"))
        {
            direction = CopyDirection.To;
            if (!AcceptWord("stdout"))
            {
                if (IsWord("program") || IsWord("stdin"))
                {
                    throw NotSupported("COPY TO " + Current.Text.ToUpperInvariant(), Current.Start);
                }
                path = ParseStringConstant();
            }
        }
        else
        {
            throw Unexpected();
        }
        CopyOptions options = ParseCopyOptions();
        return new CopyStatement(position, direction, table, columns, query, path, options);
    }

    private CopyOptions ParseCopyOptions()
    {
        var options = new CopyOptions();
        var ignored = new List<string>();
        AcceptWord("with");
        if (IsSymbol("("))
        {
            options = ParsePostgresCopyOptionList(options);
        }
        else
        {
            while (!AtEnd && !IsSymbol(";"))
            {
                options = ParseCopyOption(options, ignored);
            }
        }
        return ignored.Count == 0 ? options : options with { IgnoredOptions = ignored };
    }

    /// <summary>PostgreSQL <c>(FORMAT csv, DELIMITER '|', HEADER, NULL '')</c>.</summary>
    private CopyOptions ParsePostgresCopyOptionList(CopyOptions options)
    {
        ExpectSymbol("(");
        do
        {
            Token option = Current;
            string name = ParseLabel();
            Token value = Current;
            bool hasValue = !(IsSymbol(",") || IsSymbol(")"));
            string? text = hasValue ? Advance().Text : null;
            switch (name)
            {
                case "format":
                    options = options with { Format = CopyFormatOf(value, text) };
                    break;
                case "delimiter":
                    options = options with { Delimiter = RequireText(value, text) };
                    break;
                case "null":
                    options = options with { NullAs = RequireText(value, text) };
                    break;
                case "header":
                    bool header = text is null or "true" or "on" or "1";
                    if (text == "match")
                    {
                        throw NotSupported("HEADER MATCH", value.Start);
                    }
                    options = options with { Header = header, IgnoreHeader = header ? 1 : 0 };
                    break;
                case "quote":
                    options = options with { Quote = RequireText(value, text) };
                    break;
                case "escape":
                    options = options with { EscapeCharacter = RequireText(value, text) };
                    break;
                case "encoding":
                    options = options with { Encoding = RequireText(value, text).ToUpperInvariant() };
                    break;
                case "freeze":
                    options = options with { IgnoredOptions = [.. options.IgnoredOptions, "freeze"] };
                    break;
                default:
                    throw NotSupported($"COPY option \"{name}\"", option.Start);
            }
        }
        while (AcceptSymbol(","));
        ExpectSymbol(")");
        return options;
    }

    private string RequireText(Token value, string? text) => text ?? throw Unexpected(value);

    private CopyFormat CopyFormatOf(Token value, string? text) => text switch
    {
        "csv" => CopyFormat.Csv,
        "text" => CopyFormat.Text,
        "binary" => CopyFormat.Binary,
        null => throw Unexpected(value),
        _ => throw NotSupported($"COPY format {text.ToUpperInvariant()}", value.Start),
    };

    /// <summary>One Redshift (or old PostgreSQL) COPY option word and its argument.</summary>
    private CopyOptions ParseCopyOption(CopyOptions options, List<string> ignored)
    {
        Token t = Current;
        if (t.Kind != TokenKind.Identifier)
        {
            throw Unexpected();
        }
        Advance();
        switch (t.Text)
        {
            case "delimiter":
                return options with { Delimiter = ParseOptionString() };
            case "csv":
                options = options with { Format = CopyFormat.Csv };
                if (AcceptWord("quote"))
                {
                    options = options with { Quote = ParseOptionString() };
                }
                return options;
            case "quote":
                return options with { Quote = ParseOptionString() };
            case "format":
            {
                AcceptWord("as");
                Token value = Current;
                string? format = Current.Kind is TokenKind.Identifier or TokenKind.String ? Advance().Text.ToLowerInvariant() : null;
                options = options with { Format = CopyFormatOf(value, format) };
                if (options.Format == CopyFormat.Csv && AcceptWord("quote"))
                {
                    options = options with { Quote = ParseOptionString() };
                }
                return options;
            }
            case "ignoreheader":
                AcceptWord("as");
                return options with { IgnoreHeader = ParseInt32Constant() };
            case "header":
                return options with { Header = true, IgnoreHeader = Math.Max(1, options.IgnoreHeader) };
            case "gzip":
                return options with { Compression = CopyCompression.Gzip };
            case "bzip2":
                return options with { Compression = CopyCompression.Bzip2 };
            case "zstd":
                return options with { Compression = CopyCompression.Zstd };
            case "lzop":
                return options with { Compression = CopyCompression.Lzop };
            case "null":
                return options with { NullAs = ParseOptionString() };
            case "dateformat":
                return options with { DateFormat = ParseOptionString() };
            case "timeformat":
                return options with { TimeFormat = ParseOptionString() };
            case "maxerror":
                AcceptWord("as");
                return options with { MaxError = ParseInt32Constant() };
            case "emptyasnull":
                return options with { EmptyAsNull = true };
            case "blanksasnull":
                return options with { BlanksAsNull = true };
            case "acceptinvchars":
                AcceptWord("as");
                return options with { AcceptInvChars = Current.Kind == TokenKind.String ? Advance().Text : "?" };
            case "acceptanydate":
                return options with { AcceptAnyDate = true };
            case "truncatecolumns":
                return options with { TruncateColumns = true };
            case "removequotes":
                return options with { RemoveQuotes = true };
            case "trimblanks":
                return options with { TrimBlanks = true };
            case "fillrecord":
                return options with { FillRecord = true };
            case "ignoreblanklines":
                return options with { IgnoreBlankLines = true };
            case "explicit_ids":
                return options with { ExplicitIds = true };
            case "escape":
                AcceptWord("as");
                return Current.Kind == TokenKind.String ? options with { EscapeCharacter = Advance().Text } : options with { Escape = true };
            case "encoding":
                AcceptWord("as");
                return options with { Encoding = ParseLabelOrString().ToUpperInvariant() };
            case "iam_role":
                if (!AcceptWord("default"))
                {
                    ParseStringConstant();
                }
                ignored.Add(t.Text);
                return options;
            case "credentials" or "access_key_id" or "secret_access_key" or "session_token" or "region" or "master_symmetric_key":
                AcceptWord("as");
                ParseStringConstant();
                ignored.Add(t.Text);
                return options;
            case "compupdate" or "statupdate":
                if (Current.Kind == TokenKind.Identifier && Current.Text is "on" or "off" or "true" or "false" or "preset")
                {
                    Advance();
                }
                ignored.Add(t.Text);
                return options;
            case "comprows":
                ParseIntegerConstant();
                ignored.Add(t.Text);
                return options;
            case "manifest" or "roundec" or "encrypted" or "readratio":
                if (t.Text == "readratio")
                {
                    ParseIntegerConstant();
                }
                ignored.Add(t.Text);
                return options;
            case "binary":
                return options with { Format = CopyFormat.Binary };
            case "fixedwidth" or "json" or "avro" or "parquet" or "orc" or "shapefile" or "noload" or "ssh" or "force":
                throw NotSupported($"COPY option {t.Text.ToUpperInvariant()}", t.Start);
            default:
                throw Unexpected(t);
        }
    }

    /// <summary><c>[AS] 'text'</c>.</summary>
    private string ParseOptionString()
    {
        AcceptWord("as");
        return ParseStringConstant();
    }

    private string ParseLabelOrString() => Current.Kind == TokenKind.String ? Advance().Text : ParseLabel();
}
