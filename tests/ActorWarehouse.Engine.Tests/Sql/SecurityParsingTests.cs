using ActorWarehouse.Engine.Sql.Ast;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class SecurityParsingTests
{
    [Fact]
    public void Grant_table_privileges_to_users_roles_groups_and_public()
    {
        var grant = Statement<GrantStatement>("grant select, insert on table s.t, u to bob with grant option, role analyst, group readers, public");
        Assert.Equal(["select", "insert"], grant.Privileges);
        Assert.Equal(SecurableKind.Table, grant.ObjectKind);
        Assert.Equal(2, grant.Objects.Count);
        Assert.Equal(
            [(GranteeKind.User, "bob", true), (GranteeKind.Role, "analyst", false), (GranteeKind.Group, "readers", false), (GranteeKind.Public, "public", false)],
            grant.Grantees.Select(g => (g.Kind, g.Name, g.WithGrantOption)).ToArray());
    }

    [Fact]
    public void Grant_forms_for_schemas_databases_columns_and_functions()
    {
        var all = Statement<GrantStatement>("grant all privileges on all tables in schema sales to bob");
        Assert.Equal(["all"], all.Privileges);
        Assert.Equal(SecurableKind.AllTablesInSchema, all.ObjectKind);
        Assert.Equal(SecurableKind.Schema, Statement<GrantStatement>("grant usage, create on schema s to bob").ObjectKind);
        Assert.Equal(["temp"], Statement<GrantStatement>("grant temporary on database dev to bob").Privileges);
        var columns = Statement<GrantStatement>("grant select (a, b) on t to bob");
        Assert.Equal(["a", "b"], columns.Columns!);
        var function = Statement<GrantStatement>("grant execute on function f(integer, varchar) to bob");
        Assert.Equal(SecurableKind.Function, function.ObjectKind);
        Assert.Equal("f", Assert.Single(function.Objects).Name);
        Assert.Equal(SecurableKind.Table, Statement<GrantStatement>("grant select on t to bob").ObjectKind);
        Assert.Equal("0A000", Error("grant create table to role r").SqlState);
    }

    [Fact]
    public void Revoke_forms()
    {
        var revoke = Statement<RevokeStatement>("revoke grant option for select on t from bob cascade");
        Assert.True(revoke.GrantOptionFor);
        Assert.Equal(DropBehavior.Cascade, revoke.Behavior);
        var roles = Statement<RevokeRoleStatement>("revoke role analyst from bob");
        Assert.Equal(["analyst"], roles.Roles);
        var grantRole = Statement<GrantRoleStatement>("grant role analyst to bob with admin option, role admin");
        Assert.True(grantRole.Grantees[0].WithGrantOption);
        Assert.Equal(GranteeKind.Role, grantRole.Grantees[1].Kind);
    }

    [Fact]
    public void Users_groups_and_roles()
    {
        var create = Statement<CreateUserStatement>("create user bob with password 'Secret1!' createdb in group readers, writers valid until '2030-01-01' connection limit 5");
        Assert.Equal("bob", create.Name);
        Assert.Equal("Secret1!", create.Options.Password);
        Assert.True(create.Options.CreateDb);
        Assert.Equal(["readers", "writers"], create.Options.Groups);
        Assert.Equal("2030-01-01", create.Options.ValidUntil);
        Assert.Equal(5, create.Options.ConnectionLimit);
        Assert.True(Statement<CreateUserStatement>("create user svc password disable").Options.PasswordDisabled);
        Assert.Equal(-1, Statement<AlterUserStatement>("alter user bob connection limit unlimited").Options.ConnectionLimit);
        Assert.Equal("robert", Statement<AlterUserStatement>("alter user bob rename to robert").NewName);
        Assert.True(Statement<DropUserStatement>("drop user if exists bob, eve").IfExists);

        Assert.Equal(["bob"], Statement<CreateGroupStatement>("create group readers with user bob").Users);
        var alter = Statement<AlterGroupStatement>("alter group readers drop user bob, eve");
        Assert.False(alter.Add);
        Assert.Equal(2, alter.Users.Count);
        Assert.Single(Statement<DropGroupStatement>("drop group readers").Names);
        Assert.Equal("analyst", Statement<CreateRoleStatement>("create role analyst").Name);
        Assert.Single(Statement<DropRoleStatement>("drop role analyst force").Names);
    }

    [Fact]
    public void Lock_takes_several_tables()
    {
        Assert.Equal(2, Statement<LockStatement>("lock table a, s.b").Tables.Count);
        Assert.Single(Statement<LockStatement>("lock t in access exclusive mode").Tables);
    }
}
