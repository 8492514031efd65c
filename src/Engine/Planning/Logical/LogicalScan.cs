using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// Reads columns <paramref name="ColumnOrdinals"/> (table column ordinals, in output order) of a table at the
/// statement's snapshot. <see cref="Filter"/>, when set, is a predicate over the scan's OUTPUT columns that the
/// scan must apply (rows where it is not TRUE are dropped); its conjuncts of the form
/// <c>column op literal</c> may also be checked against block zone maps to skip blocks.
/// The table's data (manifest per slice) and slice count come from <see cref="Table"/>.
/// </summary>
public sealed record LogicalScan(TableSnapshot Table, IReadOnlyList<int> ColumnOrdinals, BoundExpr? Filter) : LogicalPlan
{
    public string Alias { get; init; } = "";

    public override IReadOnlyList<LogicalColumn> Schema =>
        ColumnOrdinals.Select(o => new LogicalColumn(Table.Definition.Columns[o].Name, Table.Definition.Columns[o].Type)).ToList();

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
}
