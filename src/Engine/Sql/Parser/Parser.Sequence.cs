using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>CREATE SEQUENCE options (PostgreSQL, any order) and DROP SEQUENCE.</summary>
internal sealed partial class Parser
{
    private Statement ParseCreateSequence(int position)
    {
        bool ifNotExists = AcceptIfNotExists();
        QualifiedName name = ParseQualifiedName();
        long? increment = null, min = null, max = null, start = null, cache = null;
        bool cycle = false;
        while (true)
        {
            if (AcceptWord("increment"))
            {
                AcceptWord("by");
                increment = ParseIntegerConstant();
            }
            else if (AcceptWord("minvalue")) min = ParseIntegerConstant();
            else if (AcceptWord("maxvalue")) max = ParseIntegerConstant();
            else if (AcceptWord("start"))
            {
                AcceptWord("with");
                start = ParseIntegerConstant();
            }
            else if (AcceptWord("cache")) cache = ParseIntegerConstant();
            else if (AcceptWord("cycle")) cycle = true;
            else if (AcceptWord("no"))
            {
                if (AcceptWord("minvalue")) min = null;
                else if (AcceptWord("maxvalue")) max = null;
                else if (AcceptWord("cycle")) cycle = false;
                else throw Unexpected();
            }
            else break;
        }
        return new CreateSequenceStatement(position, name, ifNotExists, increment, min, max, start, cache, cycle);
    }

    private Statement ParseDropSequence(int position)
    {
        bool ifExists = AcceptIfExists();
        var names = ParseCommaList(ParseQualifiedName);
        return new DropSequenceStatement(position, names, ifExists, ParseDropBehavior());
    }
}
