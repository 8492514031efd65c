using ActorWarehouse.Engine.Sql.Ast;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class DatashareParsingTests
{
    [Fact]
    public void Producer_statements()
    {
        var create = Statement<CreateDatashareStatement>("create datashare salesshare set publicaccessible = true");
        Assert.Equal("salesshare", create.Name);
        Assert.True(create.PubliclyAccessible);
        Assert.Null(Statement<CreateDatashareStatement>("create datashare s").PubliclyAccessible);

        var add = Assert.IsType<DatashareObjectsAction>(Statement<AlterDatashareStatement>("alter datashare salesshare add table public.sales, public.event").Action);
        Assert.True(add.Add);
        Assert.Equal(DatashareObjectKind.Table, add.Kind);
        Assert.Equal(2, add.Objects.Count);
        var all = Assert.IsType<DatashareObjectsAction>(Statement<AlterDatashareStatement>("alter datashare s remove all tables in schema public").Action);
        Assert.False(all.Add);
        Assert.Equal(DatashareObjectKind.AllTablesInSchema, all.Kind);
        Assert.Equal(DatashareObjectKind.Schema, Assert.IsType<DatashareObjectsAction>(Statement<AlterDatashareStatement>("alter datashare s add schema public").Action).Kind);
        Assert.False(Assert.IsType<DatasharePublicAccessAction>(Statement<AlterDatashareStatement>("alter datashare s set publicaccessible false").Action).PubliclyAccessible);
        var includeNew = Assert.IsType<DatashareIncludeNewAction>(Statement<AlterDatashareStatement>("alter datashare s set includenew = true for schema public").Action);
        Assert.True(includeNew.IncludeNew);
        Assert.Equal("public", includeNew.Schema);

        var usage = Statement<GrantStatement>("grant usage on datashare salesshare to namespace 'ns-1', 'ns-2'");
        Assert.Equal(SecurableKind.Datashare, usage.ObjectKind);
        Assert.Equal([(GranteeKind.Namespace, "ns-1"), (GranteeKind.Namespace, "ns-2")], usage.Grantees.Select(g => (g.Kind, g.Name)).ToArray());
        var revoke = Statement<RevokeStatement>("revoke usage on datashare salesshare from account '123456789012'");
        Assert.Equal(GranteeKind.Account, Assert.Single(revoke.Grantees).Kind);
        Assert.Equal("0A000", Error("grant usage on datashare s to account '1' via data catalog").SqlState);
        Assert.Equal("salesshare", Statement<DropDatashareStatement>("drop datashare salesshare").Name);
    }

    [Fact]
    public void Consumer_and_inspection_statements()
    {
        var database = Statement<CreateDatabaseStatement>("create database sales_db with permissions from datashare salesshare of account '1234' namespace 'abc-def'");
        Assert.Equal("sales_db", database.Name);
        Assert.True(database.WithPermissions);
        Assert.Equal(("salesshare", "1234", "abc-def"), (database.Source!.Datashare, database.Source.Account, database.Source.Namespace));
        Assert.Null(Statement<CreateDatabaseStatement>("create database dev").Source);
        Assert.True(Statement<DropDatabaseStatement>("drop database if exists sales_db").IfExists);

        Assert.Equal("sales%", Statement<ShowDatasharesStatement>("show datashares like 'sales%'").LikePattern);
        Assert.Null(Statement<ShowDatasharesStatement>("show datashares").LikePattern);
        var desc = Statement<DescribeDatashareStatement>("desc datashare salesshare of namespace 'abc'");
        Assert.Equal(("salesshare", "abc"), (desc.Name, desc.Namespace));
    }

    [Fact]
    public void Materialized_views()
    {
        const string sql = "create materialized view mv diststyle even sortkey (a) auto refresh yes as select a, count(*) from t group by a";
        var create = Statement<CreateMaterializedViewStatement>(sql);
        Assert.Equal(DistStyle.Even, create.Attributes.DistStyle);
        Assert.Equal(["a"], create.Attributes.SortKey);
        Assert.True(create.AutoRefresh);
        Assert.Equal("select a, count(*) from t group by a", create.QueryText);
        Assert.Equal("mv", Statement<RefreshMaterializedViewStatement>("refresh materialized view mv").Name.Name);
        Assert.True(Statement<DropMaterializedViewStatement>("drop materialized view if exists mv").IfExists);
    }
}
