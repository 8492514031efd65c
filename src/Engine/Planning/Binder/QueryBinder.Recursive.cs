using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

internal sealed partial class QueryBinder
{
    private const int MaxRecursiveIterations = 100_000;
    private const long MaxRecursiveRows = 10_000_000;

    /// <summary>
    /// WITH RECURSIVE name AS (anchor UNION [ALL] step): runs the anchor, then the step over the previous
    /// iteration's rows until it yields no new rows (UNION also drops rows seen before), and binds the CTE to the
    /// accumulated rows. Runs at bind time through <see cref="BinderContext.Execute"/>.
    /// </summary>
    private void BindRecursiveCte(CommonTableExpr cte, CteEnvironment env)
    {
        if (Context.Execute is null)
            throw new SqlException(SqlState.FeatureNotSupported, "WITH RECURSIVE is not supported here", cte.Position + 1);
        if (cte.Query is not { Body: SetOperationQuery { Operator: SetOperator.Union } union, OrderBy.Count: 0, Limit: null, Offset: null }
            || AstReferences.Mentions(new Query(union.Left.Position, null, union.Left, [], null, null), "", cte.Name))
            throw new SqlException(SqlState.InvalidRecursion,
                $"recursive query \"{cte.Name}\" does not have the form non-recursive-term UNION [ALL] recursive-term", cte.Position + 1);

        var anchor = BindQueryExpr(union.Left, null, env);
        var names = cte.Columns is { } columns ? [.. columns, .. anchor.Names.Skip(columns.Count)] : anchor.Names.ToList();
        var types = anchor.Plan.Schema.Take(anchor.VisibleCount).Select(c => c.Type.Id == TypeId.Unknown ? SqlType.Text : c.Type).ToList();
        var schema = names.Select((n, i) => new LogicalColumn(n, types[i])).ToList();

        var seen = union.All ? null : new HashSet<string>(StringComparer.Ordinal);
        var all = new List<IReadOnlyList<BoundExpr>>();
        var working = Collect(Context.Execute(CastOutputs(anchor, types)), types, seen);
        all.AddRange(working);
        for (int iteration = 0; working.Count > 0; iteration++)
        {
            if (iteration >= MaxRecursiveIterations || all.Count > MaxRecursiveRows)
                throw new SqlException(SqlState.ProgramLimitExceeded, $"recursive query \"{cte.Name}\" did not finish within {MaxRecursiveIterations} iterations", cte.Position + 1);
            var stepEnv = new CteEnvironment(env);
            stepEnv.AddRows(cte, new LogicalValues(schema, working) { EstimatedRows = working.Count }, names);
            var step = BindQueryExpr(union.Right, null, stepEnv);
            if (step.VisibleCount != types.Count)
                throw new SqlException(SqlState.SyntaxError, "each UNION query must have the same number of columns", union.Position + 1);
            working = Collect(Context.Execute(CastOutputs(step, types)), types, seen);
            all.AddRange(working);
        }
        LogicalPlan rows = all.Count == 0 ? new LogicalEmpty(schema) : new LogicalValues(schema, all) { EstimatedRows = all.Count };
        env.AddRows(cte, rows, names);
    }

    /// <summary>Result batches as constant rows; with <paramref name="seen"/> (UNION) only rows not produced before.</summary>
    private static List<IReadOnlyList<BoundExpr>> Collect(IReadOnlyList<Batch> batches, IReadOnlyList<SqlType> types, HashSet<string>? seen)
    {
        var rows = new List<IReadOnlyList<BoundExpr>>();
        foreach (var batch in batches)
            for (int r = 0; r < batch.RowCount; r++)
            {
                var values = new object?[types.Count];
                for (int c = 0; c < types.Count; c++) values[c] = batch[c].GetBoxed(r);
                if (seen is not null && !seen.Add(string.Join('\u0001', values.Select(v => v is null ? "\u0000" : v.ToString())))) continue;
                rows.Add(values.Select((v, c) => (BoundExpr)new BoundLiteral(v, types[c])).ToList());
            }
        return rows;
    }
}
