using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class AlterTableParsingTests
{
    private static T Action<T>(string sql) where T : AlterTableAction => Assert.IsType<T>(Statement<AlterTableStatement>(sql).Action);

    [Fact]
    public void Add_and_drop_columns()
    {
        var add = Action<AddColumnAction>("alter table s.t add column c varchar(20) default 'x' encode zstd not null");
        Assert.Equal("c", add.Column.Name);
        Assert.Equal(SqlType.Varchar(20), add.Column.Type);
        Assert.True(add.Column.NotNull);
        Assert.Equal("zstd", add.Column.Encoding);
        Assert.True(Action<AddColumnAction>("alter table t add if not exists c int").IfNotExists);

        var drop = Action<DropColumnAction>("alter table t drop column c cascade");
        Assert.Equal("c", drop.Column);
        Assert.Equal(DropBehavior.Cascade, drop.Behavior);
        Assert.True(Action<DropColumnAction>("alter table t drop if exists c").IfExists);
    }

    [Fact]
    public void Renames_and_owner()
    {
        Assert.Equal("u", Action<RenameTableAction>("alter table t rename to u").NewName);
        var column = Action<RenameColumnAction>("alter table t rename column a to b");
        Assert.Equal(("a", "b"), (column.Column, column.NewName));
        Assert.Equal("bob", Action<OwnerToAction>("alter table t owner to bob").Owner);
        Assert.True(Statement<AlterTableStatement>("alter table if exists t rename to u").IfExists);
    }

    [Fact]
    public void Redshift_distribution_sort_and_encoding_changes()
    {
        var key = Action<AlterDistributionAction>("alter table t alter diststyle key distkey c");
        Assert.Equal((DistStyle.Key, "c"), (key.Style, key.DistKey));
        Assert.Equal(DistStyle.Even, Action<AlterDistributionAction>("alter table t alter diststyle even").Style);
        Assert.Equal("d", Action<AlterDistributionAction>("alter table t alter distkey d").DistKey);

        var sort = Action<AlterSortKeyAction>("alter table t alter compound sortkey (a, b)");
        Assert.Equal(SortKeyStyle.Compound, sort.Style);
        Assert.Equal(["a", "b"], sort.Columns);
        Assert.Equal(SortKeyStyle.Interleaved, Action<AlterSortKeyAction>("alter table t alter interleaved sortkey (a)").Style);
        Assert.Equal(SortKeyStyle.Auto, Action<AlterSortKeyAction>("alter table t alter sortkey auto").Style);
        Assert.Null(Action<AlterSortKeyAction>("alter table t alter sortkey none").Style);

        Assert.IsType<AlterEncodeAutoAction>(Statement<AlterTableStatement>("alter table t alter encode auto").Action);
        Assert.Equal("raw", Action<AlterColumnEncodeAction>("alter table t alter column a encode raw").Encoding);
        Assert.Equal(SqlType.Varchar(500), Action<AlterColumnTypeAction>("alter table t alter column a type varchar(500)").Type);
    }

    [Fact]
    public void Constraints_and_append_from()
    {
        Assert.Equal(ConstraintKind.PrimaryKey, Action<AddConstraintAction>("alter table t add primary key (a)").Constraint.Kind);
        Assert.Equal("pk", Action<DropConstraintAction>("alter table t drop constraint pk").Name);
        var append = Action<AppendFromAction>("alter table target append from staging ignoreextra");
        Assert.Equal("staging", append.Source.Name);
        Assert.True(append.IgnoreExtra);
        Assert.False(append.FillTarget);
    }
}
