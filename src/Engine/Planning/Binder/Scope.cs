using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// The columns a query block can name, in plan-output order, plus the enclosing block's scope for correlated
/// references. Resolution follows PostgreSQL: the innermost block that has the name wins.
/// </summary>
internal sealed class Scope
{
    public Scope(IReadOnlyList<ScopeColumn> columns, Scope? outer = null)
    {
        Columns = columns;
        Outer = outer;
    }

    public IReadOnlyList<ScopeColumn> Columns { get; }

    public Scope? Outer { get; }

    public static Scope Empty(Scope? outer) => new([], outer);

    /// <summary>True when some column is exposed under <paramref name="table"/>.</summary>
    public bool HasTable(string table) => Columns.Any(c => c.Table == table);

    /// <summary>
    /// The ordinal of the column named by <paramref name="parts"/> (col, table.col, schema.table.col,
    /// db.schema.table.col) in this scope only; -1 when absent. Throws 42702 when ambiguous.
    /// </summary>
    public int Find(IReadOnlyList<string> parts, int position)
    {
        string name = parts[^1];
        string? table = parts.Count >= 2 ? parts[^2] : null;
        string? schema = parts.Count >= 3 ? parts[^3] : null;
        int found = -1;
        for (int i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            if (c.Name != name) continue;
            if (table is null)
            {
                if (c.HiddenFromUnqualified) continue;
            }
            else if (c.Table != table || (schema is not null && c.Schema != schema))
            {
                continue;
            }
            if (found >= 0)
                throw new SqlException(SqlState.AmbiguousColumn, $"column reference \"{string.Join('.', parts)}\" is ambiguous", position + 1);
            found = i;
        }
        return found;
    }

    /// <summary>Resolves a name here or in an enclosing scope: (depth, ordinal), depth 0 = this scope.</summary>
    public (int Depth, int Ordinal) Resolve(IReadOnlyList<string> parts, int position)
    {
        int depth = 0;
        for (var scope = this; scope is not null; scope = scope.Outer, depth++)
        {
            int ordinal = scope.Find(parts, position);
            if (ordinal >= 0) return (depth, ordinal);
        }
        if (parts.Count >= 2)
        {
            var table = parts[^2];
            bool known = false;
            for (var scope = this; scope is not null; scope = scope.Outer) known |= scope.HasTable(table);
            if (!known)
                throw new SqlException(SqlState.UndefinedTable, $"missing FROM-clause entry for table \"{table}\"", position + 1);
        }
        throw new SqlException(SqlState.UndefinedColumn, $"column \"{string.Join('.', parts)}\" does not exist", position + 1);
    }
}
