using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.SystemCatalog;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>The catalog as system relations see it during the statement (one per binding, built on first use).</summary>
    private CatalogSnapshot CatalogSnapshotFor(Transaction transaction, IReadOnlyList<string> searchPath) =>
        new(transaction.Working, this, searchPath, view => DescribeView(view, transaction));

    /// <summary>The rows of a system relation as constant rows, computed now from the snapshot; null when there is no such relation.</summary>
    private (LogicalPlan Plan, IReadOnlyList<string> Names)? SystemRelationPlan(string? schema, string name, IReadOnlyList<string> searchPath,
        Lazy<CatalogSnapshot> snapshot)
    {
        var relation = SystemCatalog.SystemRelations.Find(schema, name, searchPath);
        if (relation is null) return null;
        var s = snapshot.Value;
        if (relation.SuperuserOnly && s.RoleByName(Identity.UserName) is { Superuser: false })
            throw new SqlException(SqlState.InsufficientPrivilege, $"permission denied for relation {relation.Name}");
        var columns = relation.Columns.Select(c => new LogicalColumn(c.Name, c.Type)).ToList();
        var rows = new List<IReadOnlyList<BoundExpr>>();
        foreach (var values in relation.Rows(s))
        {
            var row = new BoundExpr[columns.Count];
            for (int i = 0; i < row.Length; i++) row[i] = new BoundLiteral(Physical(values[i], columns[i].Type), columns[i].Type);
            rows.Add(row);
        }
        LogicalPlan plan = rows.Count == 0 ? new LogicalEmpty(columns) : new LogicalValues(columns, rows);
        return (plan with { EstimatedRows = rows.Count }, columns.Select(c => c.Name).ToList());
    }

    /// <summary>Converts a row value to the column's physical representation (ints to shorts, etc.).</summary>
    private static object? Physical(object? value, SqlType type) => value is null ? null : type.Id switch
    {
        TypeId.SmallInt => Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeId.Integer => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeId.Real => Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeId.Double => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        TypeId.Varchar or TypeId.Char => value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>A view's columns (for pg_attribute and information_schema.columns); empty when the view no longer binds.</summary>
    private IReadOnlyList<(string Name, SqlType Type)> DescribeView(ViewDefinition view, Transaction transaction)
    {
        // A view over pg_attribute or information_schema.columns would describe itself while being described.
        if (!_viewsBeingDescribed.Add(view.QualifiedName)) return [];
        try
        {
            if (SqlParser.Parse(view.QueryText) is not [SelectStatement select]) return [];
            var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(select.Query);
            var names = view.ColumnNames is { } renamed ? bound.Names.Select((n, i) => i < renamed.Count ? renamed[i] : n).ToList() : bound.Names;
            return names.Select((n, i) => (n, bound.Plan.Schema[i].Type.Id == TypeId.Unknown ? SqlType.Text : bound.Plan.Schema[i].Type)).ToList();
        }
        catch (SqlException)
        {
            return [];
        }
        finally
        {
            _viewsBeingDescribed.Remove(view.QualifiedName);
        }
    }

    private readonly HashSet<string> _viewsBeingDescribed = new(StringComparer.Ordinal);
}
