using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Security;

namespace ActorWarehouse.Engine.Tests.Surface;

public sealed class UserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aw-users-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_scram_verifier_matches_the_rfc_7677_example_in_pg_authid_form()
    {
        var salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");
        Assert.Equal("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
            PasswordVerifiers.Scram("pencil", salt, 4096));
    }

    [Fact]
    public void New_scram_verifiers_use_4096_iterations_and_a_random_16_byte_salt()
    {
        var first = PasswordVerifiers.Scram("secret");
        var second = PasswordVerifiers.Scram("secret");
        Assert.NotEqual(first, second);
        Assert.True(PasswordVerifiers.TryParseScram(first, out int iterations, out var salt, out _, out _));
        Assert.Equal(4096, iterations);
        Assert.Equal(16, salt.Length);
    }

    [Fact]
    public void The_md5_password_is_md5_of_password_and_user_name()
    {
        Assert.Equal("md5ea909ccfbf42c1d230f26167db4d4fdb", PasswordVerifiers.Md5("secret", "admin"));
    }

    [Fact]
    public void EnsureSuperuser_creates_the_user_once_and_it_survives_a_restart()
    {
        using (var warehouse = Warehouse.Open(_folder))
        {
            var admin = warehouse.Users.EnsureSuperuser("admin", "first");
            Assert.True(admin.IsSuperuser);
            Assert.Equal(100, admin.Id);
            Assert.True(PasswordVerifiers.Matches(admin, "first"));
        }
        using (var warehouse = Warehouse.Open(_folder))
        {
            var again = warehouse.Users.EnsureSuperuser("admin", "second");
            Assert.True(PasswordVerifiers.Matches(again, "first"));
            Assert.False(PasswordVerifiers.Matches(again, "second"));
            Assert.Equal("dev", warehouse.DatabaseName);
        }
    }

    [Fact]
    public void Create_alter_and_drop_user_change_the_persisted_directory()
    {
        using (var warehouse = Warehouse.Open(_folder))
        using (var session = warehouse.OpenSession())
        {
            session.Execute("create user alice password 'Secret123' createdb");
            session.Execute("create user bob with password 'md5ea909ccfbf42c1d230f26167db4d4fdb' createuser");
            session.Execute("create user carol password disable");
            session.Execute("alter user alice password 'Changed99'");
        }
        using (var warehouse = Warehouse.Open(_folder))
        using (var session = warehouse.OpenSession())
        {
            var alice = warehouse.Users.Find("alice")!;
            Assert.True(PasswordVerifiers.Matches(alice, "Changed99"));
            Assert.True(alice.CanCreateDatabase);
            Assert.False(alice.IsSuperuser);
            var bob = warehouse.Users.Find("bob")!;
            Assert.True(bob.IsSuperuser);
            Assert.Null(bob.ScramSha256Verifier);
            Assert.Equal("md5ea909ccfbf42c1d230f26167db4d4fdb", bob.Md5Password);
            var carol = warehouse.Users.Find("carol")!;
            Assert.Null(carol.ScramSha256Verifier);
            Assert.Null(carol.Md5Password);
            Assert.NotEqual(alice.Id, carol.Id);
            session.Execute("drop user carol");
            Assert.Null(warehouse.Users.Find("carol"));
        }
    }

    [Fact]
    public void Duplicate_and_missing_users_give_postgresql_errors()
    {
        using var warehouse = Warehouse.OpenInMemory();
        using var session = warehouse.OpenSession();
        session.Execute("create user dave password 'Abcdefg1'");
        Assert.Equal(SqlState.DuplicateObject, Assert.Throws<SqlException>(() => session.Execute("create user dave password 'x'")).SqlState);
        Assert.Equal(SqlState.UndefinedObject, Assert.Throws<SqlException>(() => session.Execute("drop user nobody")).SqlState);
        Assert.Equal(["user \"nobody\" does not exist, skipping"], session.Execute("drop user if exists nobody")[0].Notices);
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => session.Execute("create user erin password 'Abcdefg1' in group g")).SqlState);
    }

    [Fact]
    public void A_user_who_is_not_a_superuser_cannot_create_users_but_can_change_their_own_password()
    {
        using var warehouse = Warehouse.OpenInMemory();
        using (var admin = warehouse.OpenSession()) admin.Execute("create user frank password 'Abcdefg1'");
        using var session = warehouse.OpenSession(new SessionIdentity("frank", "dev", 42, "test", "127.0.0.1"));
        Assert.Equal(SqlState.InsufficientPrivilege, Assert.Throws<SqlException>(() => session.Execute("create user gina password 'Abcdefg1'")).SqlState);
        session.Execute("alter user frank password 'Newpass12'");
        Assert.True(PasswordVerifiers.Matches(warehouse.Users.Find("frank")!, "Newpass12"));
        Assert.Equal("off", session.Settings.Get("is_superuser"));
        Assert.Equal("frank", session.Settings.Get("session_authorization"));
    }

    [Fact]
    public void Renaming_a_user_clears_the_md5_password_that_was_salted_with_the_old_name()
    {
        using var warehouse = Warehouse.OpenInMemory();
        using var session = warehouse.OpenSession();
        session.Execute("create user henry password 'Abcdefg1'");
        var result = session.Execute("alter user henry rename to harry")[0];
        Assert.Single(result.Notices);
        var harry = warehouse.Users.Find("harry")!;
        Assert.Null(harry.Md5Password);
        Assert.True(PasswordVerifiers.Matches(harry, "Abcdefg1"));
        Assert.Null(warehouse.Users.Find("henry"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
