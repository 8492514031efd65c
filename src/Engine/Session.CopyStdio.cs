using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>The columns a COPY moves: the table's (or the listed ones), or the query's result columns.</summary>
    private IReadOnlyList<ResultColumn> CopyColumns(CopyStatement copy, Transaction transaction)
    {
        if (copy.Query is not null) return BindForDescribe(copy.Query, transaction);
        var (_, table) = DmlTarget(copy.Table!, transaction, copy.Direction == Sql.Ast.CopyDirection.From ? "copy into" : "copy from");
        var definition = table.Definition;
        var targets = TargetColumns(new InsertStatement(copy.Position, copy.Table!, copy.Columns, null), definition);
        if (copy.Direction == Sql.Ast.CopyDirection.From && copy.Columns is null && !copy.Options.ExplicitIds)
            targets = targets.Where(o => definition.Columns[o].Identity is null).ToList();
        return targets.Select(o => new ResultColumn(definition.Columns[o].Name, definition.Columns[o].Type)).ToList();
    }
}
