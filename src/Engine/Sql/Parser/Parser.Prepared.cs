using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>SQL-level prepared statements: PREPARE, EXECUTE, DEALLOCATE.</summary>
internal sealed partial class Parser
{
    private Statement ParsePrepare()
    {
        int position = ExpectWord("prepare").Start;
        string name = ParseIdentifier();
        var types = new List<SqlType>();
        if (AcceptSymbol("("))
        {
            do
            {
                types.Add(ParseType());
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
        }
        ExpectWord("as");
        Token inner = Current;
        if (!(inner.IsWord("select") || inner.IsWord("with") || inner.IsWord("values") || inner.IsWord("table") || inner.IsSymbol("(")
            || inner.IsWord("insert") || inner.IsWord("update") || inner.IsWord("delete")))
        {
            throw Unexpected();
        }
        Statement statement = ParseStatement();
        statement = statement with { Length = PreviousEnd - statement.Position };
        return new PrepareStatement(position, name, types, statement);
    }

    private Statement ParseExecutePrepared()
    {
        int position = ExpectWord("execute").Start;
        string name = ParseIdentifier();
        var arguments = new List<Expr>();
        if (AcceptSymbol("("))
        {
            do
            {
                arguments.Add(ParseExpression());
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
        }
        return new ExecutePreparedStatement(position, name, arguments);
    }

    private Statement ParseDeallocate()
    {
        int position = ExpectWord("deallocate").Start;
        AcceptWord("prepare");
        if (AcceptWord("all"))
        {
            return new DeallocateStatement(position, null);
        }
        return new DeallocateStatement(position, ParseIdentifier());
    }
}
