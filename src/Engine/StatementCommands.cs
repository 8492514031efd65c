using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine;

/// <summary>The command name of a statement (the first words of its PostgreSQL command tag).</summary>
internal static class StatementCommands
{
    public static string Name(Statement statement) => statement switch
    {
        SelectStatement => "SELECT",
        ExplainStatement => "EXPLAIN",
        InsertStatement => "INSERT",
        UpdateStatement => "UPDATE",
        DeleteStatement => "DELETE",
        CopyStatement => "COPY",
        TruncateStatement => "TRUNCATE TABLE",
        CreateTableStatement => "CREATE TABLE",
        CreateTableAsStatement => "SELECT",
        DropTableStatement => "DROP TABLE",
        CreateViewStatement => "CREATE VIEW",
        DropViewStatement => "DROP VIEW",
        CreateSchemaStatement => "CREATE SCHEMA",
        DropSchemaStatement => "DROP SCHEMA",
        CreateSequenceStatement => "CREATE SEQUENCE",
        DropSequenceStatement => "DROP SEQUENCE",
        CreateIndexStatement => "CREATE INDEX",
        DropIndexStatement => "DROP INDEX",
        AlterTableStatement => "ALTER TABLE",
        CreateUserStatement => "CREATE USER",
        AlterUserStatement => "ALTER USER",
        DropUserStatement => "DROP USER",
        CreateGroupStatement => "CREATE GROUP",
        AlterGroupStatement => "ALTER GROUP",
        DropGroupStatement => "DROP GROUP",
        CreateRoleStatement => "CREATE ROLE",
        DropRoleStatement => "DROP ROLE",
        GrantStatement or GrantRoleStatement => "GRANT",
        RevokeStatement or RevokeRoleStatement => "REVOKE",
        LockStatement => "LOCK TABLE",
        SetStatement => "SET",
        ShowStatement => "SHOW",
        ResetStatement => "RESET",
        AnalyzeStatement => "ANALYZE",
        VacuumStatement => "VACUUM",
        PrepareStatement => "PREPARE",
        ExecutePreparedStatement => "EXECUTE",
        DeallocateStatement d => d.Name is null ? "DEALLOCATE ALL" : "DEALLOCATE",
        TransactionStatement t => t.Action switch
        {
            TransactionAction.Begin => "BEGIN",
            TransactionAction.Commit => "COMMIT",
            _ => "ROLLBACK",
        },
        _ => StatementName(statement),
    };

    private static string StatementName(Statement statement)
    {
        var name = statement.GetType().Name;
        if (name.EndsWith("Statement", StringComparison.Ordinal)) name = name[..^"Statement".Length];
        var words = new System.Text.StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(char.ToUpperInvariant(c));
        }
        return words.ToString();
    }
}
