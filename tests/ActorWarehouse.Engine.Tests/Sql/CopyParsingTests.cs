using ActorWarehouse.Engine.Sql.Ast;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

using CopyDirection = ActorWarehouse.Engine.Sql.Ast.CopyDirection;

public sealed class CopyParsingTests
{
    [Fact]
    public void Redshift_copy_options_are_read()
    {
        var copy = Statement<CopyStatement>("""
            copy lineitem (l_orderkey, l_partkey) from '/data/lineitem.tbl.gz'
            iam_role 'arn:aws:iam::1:role/x' region 'us-east-1'
            delimiter '|' ignoreheader as 1 gzip null as '\N' dateformat as 'YYYY-MM-DD' timeformat 'auto'
            maxerror 10 emptyasnull blanksasnull acceptinvchars truncatecolumns compupdate off statupdate on
            """);
        Assert.Equal(CopyDirection.From, copy.Direction);
        Assert.Equal("lineitem", copy.Table!.Name);
        Assert.Equal(["l_orderkey", "l_partkey"], copy.Columns!);
        Assert.Equal("/data/lineitem.tbl.gz", copy.Path);
        var o = copy.Options;
        Assert.Equal(CopyFormat.Text, o.Format);
        Assert.Equal("|", o.Delimiter);
        Assert.Equal(1, o.IgnoreHeader);
        Assert.Equal(CopyCompression.Gzip, o.Compression);
        Assert.Equal("\\N", o.NullAs);
        Assert.Equal("YYYY-MM-DD", o.DateFormat);
        Assert.Equal("auto", o.TimeFormat);
        Assert.Equal(10, o.MaxError);
        Assert.True(o.EmptyAsNull);
        Assert.True(o.BlanksAsNull);
        Assert.Equal("?", o.AcceptInvChars);
        Assert.True(o.TruncateColumns);
        Assert.Equal(["iam_role", "region", "compupdate", "statupdate"], o.IgnoredOptions);
    }

    [Fact]
    public void Csv_with_quote_and_format_as_forms()
    {
        var csv = Statement<CopyStatement>("copy t from 'x.csv' with csv quote as '''' delimiter ',' ignoreheader 1").Options;
        Assert.Equal(CopyFormat.Csv, csv.Format);
        Assert.Equal("'", csv.Quote);
        Assert.Equal(",", csv.Delimiter);

        var formatAs = Statement<CopyStatement>("copy t from 'x.csv' format as csv credentials 'aws_access_key_id=a' maxerror as 3").Options;
        Assert.Equal(CopyFormat.Csv, formatAs.Format);
        Assert.Equal(3, formatAs.MaxError);
        Assert.Equal(["credentials"], formatAs.IgnoredOptions);
    }

    [Fact]
    public void Postgresql_option_lists_are_read()
    {
        var copy = Statement<CopyStatement>("COPY t FROM STDIN WITH (FORMAT csv, DELIMITER '|', HEADER, NULL '')");
        Assert.Null(copy.Path);
        Assert.Equal(CopyFormat.Csv, copy.Options.Format);
        Assert.Equal("|", copy.Options.Delimiter);
        Assert.True(copy.Options.Header);
        Assert.Equal(1, copy.Options.IgnoreHeader);
        Assert.Equal("", copy.Options.NullAs);

        var headerOff = Statement<CopyStatement>("copy t from stdin (format text, header false)");
        Assert.False(headerOff.Options.Header);
    }

    [Fact]
    public void Copy_to_stdout_from_a_table_or_a_query()
    {
        var table = Statement<CopyStatement>("copy t (a) to stdout");
        Assert.Equal(CopyDirection.To, table.Direction);
        Assert.Null(table.Path);
        Assert.Equal(["a"], table.Columns!);

        var query = Statement<CopyStatement>("copy (select a from t where a > 1) to stdout with csv header");
        Assert.NotNull(query.Query);
        Assert.Null(query.Table);
        Assert.True(query.Options.Header);
        Assert.Equal(CopyFormat.Csv, query.Options.Format);
    }

    [Fact]
    public void Unsupported_copy_formats_raise_0A000()
    {
        Assert.Equal("0A000", Error("copy t from 'x' format as parquet").SqlState);
        Assert.Equal("0A000", Error("copy t from 'x' json 'auto'").SqlState);
        Assert.Equal("0A000", Error("copy t from 'x' fixedwidth 'a:1'").SqlState);
        Assert.Equal("42601", Error("copy t from 'x' frobnicate").SqlState);
    }

    [Fact]
    public void The_binary_format_parses_in_the_option_list_and_the_old_word_form()
    {
        Assert.Equal(CopyFormat.Binary, Assert.IsType<CopyStatement>(ActorWarehouse.Engine.Sql.Parser.SqlParser.ParseSingle("copy t from stdin (format binary)")).Options.Format);
        Assert.Equal(CopyFormat.Binary, Assert.IsType<CopyStatement>(ActorWarehouse.Engine.Sql.Parser.SqlParser.ParseSingle("copy t to stdout with binary")).Options.Format);
    }
}
