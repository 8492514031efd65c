using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Types;
using AstJoinKind = ActorWarehouse.Engine.Sql.Ast.JoinKind;
using JoinKind = ActorWarehouse.Engine.Planning.Logical.JoinKind;

namespace ActorWarehouse.Engine.Planning.Binder;

internal sealed partial class QueryBinder
{
    /// <summary>A bound FROM item: its plan and the columns it exposes (index = plan output ordinal).</summary>
    private sealed record FromItem(LogicalPlan Plan, IReadOnlyList<ScopeColumn> Columns);

    /// <summary>Binds the comma-separated FROM list as a cross product (WHERE predicates are pushed into it later).</summary>
    private (LogicalPlan Plan, Scope Scope) BindFrom(IReadOnlyList<TableRef> from, Scope? outer, CteEnvironment env)
    {
        if (from.Count == 0)
            return (new LogicalValues([], [Array.Empty<BoundExpr>()]) { EstimatedRows = 1 }, Scope.Empty(outer));
        FromItem? combined = null;
        foreach (var item in from)
        {
            var bound = BindTableRef(item, outer, env);
            combined = combined is null ? bound : CrossJoin(combined, bound);
        }
        CheckDuplicateAliases(combined!.Columns, from[0].Position);
        return (combined.Plan, new Scope(combined.Columns, outer));
    }

    private static FromItem CrossJoin(FromItem left, FromItem right) =>
        new(new LogicalJoin(JoinKind.Inner, left.Plan, right.Plan, [], [], null)
        {
            EstimatedRows = Math.Max(left.Plan.EstimatedRows, 1) * Math.Max(right.Plan.EstimatedRows, 1),
        }, [.. left.Columns, .. right.Columns]);

    private static void CheckDuplicateAliases(IReadOnlyList<ScopeColumn> columns, int position)
    {
        // Two FROM items exposing the same name make every qualified reference ambiguous (PostgreSQL 42712).
        var seen = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c.Table is null || c.Origin is null) continue;
            if (seen.TryGetValue(c.Table, out var origin) && !ReferenceEquals(origin, c.Origin))
                throw new SqlException(SqlState.DuplicateAlias, $"table name \"{c.Table}\" specified more than once", position + 1);
            seen[c.Table] = c.Origin;
        }
    }

    private FromItem BindTableRef(TableRef item, Scope? outer, CteEnvironment env) => item switch
    {
        NamedTableRef n => BindNamedTable(n, outer, env),
        SubqueryTableRef s => BindDerivedTable(s, outer, env),
        JoinTableRef j => BindJoin(j, outer, env),
        FunctionTableRef f => BindTableFunction(f),
        _ => throw new SqlException(SqlState.FeatureNotSupported, $"{item.GetType().Name} is not supported", item.Position + 1),
    };

    private FromItem BindNamedTable(NamedTableRef n, Scope? outer, CteEnvironment env)
    {
        var name = n.Name;
        if (name.Schema is null && env.Find(name.Name) is { } cte)
        {
            if (cte.Rows is not null)
                return Expose(cte.Rows, cte.Names!, n.Alias, n.Alias?.Name ?? name.Name, null);
            var bound = BindQuery(cte.Cte.Query, null, cte.Env, pullCorrelation: false);
            var names = Rename(bound.Names, cte.Cte.Columns, cte.Cte.Name, cte.Cte.Position);
            return Expose(bound.Plan, names, n.Alias, n.Alias?.Name ?? name.Name, null);
        }
        var (schema, table, view) = ResolveRelation(name);
        if (table is not null)
        {
            var snapshot = new TableSnapshot(table.Definition, table.Manifest, Context.Blocks);
            var ordinals = Enumerable.Range(0, table.Definition.Columns.Count).ToList();
            var scan = new LogicalScan(snapshot, ordinals, null) { Alias = n.Alias?.Name ?? name.Name, EstimatedRows = snapshot.RowCount };
            var names = table.Definition.Columns.Select(c => c.Name).ToList();
            return Expose(scan, names, n.Alias, n.Alias?.Name ?? name.Name, n.Alias is null ? schema : null);
        }
        if (view is not null)
        {
            var key = view.QualifiedName;
            if (!_viewsInExpansion.Add(key))
                throw new SqlException(SqlState.InvalidObjectDefinition, $"infinite recursion detected in rules for relation \"{view.Name}\"", n.Position + 1);
            try
            {
                var statements = SqlParser.Parse(view.QueryText);
                if (statements is not [SelectStatement select])
                    throw new SqlException(SqlState.DataCorrupted, $"view \"{view.Name}\" has an invalid definition");
                var bound = BindQuery(select.Query, null, CteEnvironment.Empty, pullCorrelation: false);
                var names = Rename(bound.Names, view.ColumnNames, view.Name, n.Position);
                return Expose(bound.Plan, names, n.Alias, n.Alias?.Name ?? name.Name, n.Alias is null ? schema : null);
            }
            finally
            {
                _viewsInExpansion.Remove(key);
            }
        }
        if (SystemRelations.TryBind(this, name.Schema, name.Name) is { } system)
            return Expose(system.Plan, system.Names, n.Alias, n.Alias?.Name ?? name.Name, null);
        throw new SqlException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist", n.Position + 1);
    }

    /// <summary>Finds a table or view: the named schema, else the first search-path schema holding it.</summary>
    internal (string? Schema, Catalog.Entries.TableEntry? Table, Catalog.Entries.ViewDefinition? View) ResolveRelation(QualifiedName name)
    {
        var catalog = Context.Catalog;
        if (name.Schema is not null)
            return (name.Schema, catalog.FindTable(name.Schema, name.Name), catalog.FindView(name.Schema, name.Name));
        foreach (var schema in Context.SearchPath)
        {
            var table = catalog.FindTable(schema, name.Name);
            var view = catalog.FindView(schema, name.Name);
            if (table is not null || view is not null) return (schema, table, view);
        }
        return (null, null, null);
    }

    private static IReadOnlyList<string> Rename(IReadOnlyList<string> names, IReadOnlyList<string>? newNames, string relation, int position)
    {
        if (newNames is null) return names;
        if (newNames.Count > names.Count)
            throw new SqlException(SqlState.InvalidColumnReference,
                $"table \"{relation}\" has {names.Count} columns available but {newNames.Count} columns specified", position + 1);
        return [.. newNames, .. names.Skip(newNames.Count)];
    }

    /// <summary>The scope columns of a FROM item, applying an alias and its column list.</summary>
    private static FromItem Expose(LogicalPlan plan, IReadOnlyList<string> names, TableAlias? alias, string? exposedName, string? schema)
    {
        names = Rename(names, alias?.Columns, exposedName ?? "", alias?.Position ?? 0);
        var origin = new object();
        var schemaColumns = plan.Schema;
        var columns = new List<ScopeColumn>(names.Count);
        for (int i = 0; i < names.Count; i++)
            columns.Add(new ScopeColumn(exposedName, names[i], schemaColumns[i].Type, schema) { Origin = origin });
        // Hidden columns a subquery plan may carry are not exposed; trim them with a projection.
        if (schemaColumns.Count > names.Count)
        {
            var exprs = Enumerable.Range(0, names.Count).Select(i => (BoundExpr)new BoundColumnRef(i, schemaColumns[i].Type, names[i])).ToList();
            plan = new LogicalProject(plan, exprs, names) { EstimatedRows = plan.EstimatedRows };
        }
        return new FromItem(plan, columns);
    }

    private FromItem BindDerivedTable(SubqueryTableRef s, Scope? outer, CteEnvironment env)
    {
        if (s.Lateral)
            throw new SqlException(SqlState.FeatureNotSupported, "LATERAL subqueries are not supported", s.Position + 1);
        var bound = BindQuery(s.Query, outer, env, pullCorrelation: false);
        return Expose(bound.Plan, bound.Names, s.Alias, s.Alias?.Name, null);
    }

    /// <summary>generate_series(start, stop [, step]) over constant integers, as a VALUES list.</summary>
    private FromItem BindTableFunction(FunctionTableRef f)
    {
        if (f.Call.Name == "pg_get_keywords" && f.Call.Arguments.Count == 0) return BindKeywords(f);
        if (f.Call.Name != "generate_series" || f.Call.Arguments.Count is < 2 or > 3)
            throw new SqlException(SqlState.FeatureNotSupported, $"table function {f.Call.Name} is not supported", f.Position + 1);
        var binder = new ExpressionBinder(this, Scope.Empty(null), null, "FROM");
        var values = f.Call.Arguments.Select(a => ConstantEvaluator.TryFold(Coercion.Cast(binder.Bind(a), SqlType.BigInt))?.Value).ToList();
        if (values.Any(v => v is null))
            throw new SqlException(SqlState.FeatureNotSupported, "generate_series needs constant integer arguments", f.Position + 1);
        long start = (long)values[0]!, stop = (long)values[1]!, step = values.Count > 2 ? (long)values[2]! : 1;
        if (step == 0) throw new SqlException(SqlState.InvalidParameterValue, "step size cannot equal zero", f.Position + 1);
        bool wide = start is < int.MinValue or > int.MaxValue || stop is < int.MinValue or > int.MaxValue
            || f.Call.Arguments.Any(a => a is IntegerLiteral { Type.Id: TypeId.BigInt });
        var type = wide ? SqlType.BigInt : SqlType.Integer;
        var rows = new List<IReadOnlyList<BoundExpr>>();
        for (long v = start; step > 0 ? v <= stop : v >= stop; v += step)
        {
            if (rows.Count >= 10_000_000) throw new SqlException(SqlState.ProgramLimitExceeded, "generate_series produces too many rows", f.Position + 1);
            rows.Add([wide ? new BoundLiteral(v, type) : new BoundLiteral((int)v, type)]);
        }
        var plan = new LogicalValues([new LogicalColumn("generate_series", type)], rows) { EstimatedRows = rows.Count };
        var exposed = f.Alias?.Name ?? "generate_series";
        return Expose(plan, [f.Alias?.Columns is { Count: > 0 } cols ? cols[0] : exposed], null, exposed, null);
    }

    private FromItem BindJoin(JoinTableRef j, Scope? outer, CteEnvironment env)
    {
        var left = BindTableRef(j.Left, outer, env);
        var right = BindTableRef(j.Right, outer, env);
        var kind = j.Kind switch
        {
            AstJoinKind.Left => JoinKind.Left,
            AstJoinKind.Right => JoinKind.Right,
            AstJoinKind.Full => JoinKind.Full,
            _ => JoinKind.Inner,
        };
        int leftCount = left.Columns.Count;
        var estimate = j.Kind == AstJoinKind.Cross
            ? Math.Max(left.Plan.EstimatedRows, 1) * Math.Max(right.Plan.EstimatedRows, 1)
            : Math.Max(left.Plan.EstimatedRows, right.Plan.EstimatedRows);
        FromItem result;
        if (j.Using is not null || j.Natural)
        {
            result = BindUsingJoin(j, kind, left, right, estimate);
        }
        else
        {
            BoundExpr? condition = null;
            if (j.On is not null)
            {
                var scope = new Scope([.. left.Columns, .. right.Columns], outer);
                condition = new ExpressionBinder(this, scope, null, "JOIN conditions").BindCondition(j.On);
            }
            var (lk, rk, residual) = JoinConditions.Split(condition, leftCount);
            var join = new LogicalJoin(kind, left.Plan, right.Plan, lk, rk, BoundExprs.And(residual)) { EstimatedRows = estimate };
            result = new FromItem(join, [.. left.Columns, .. right.Columns]);
        }
        if (j.Alias is { } alias)
        {
            var origin = new object();
            var visible = result.Columns.Where(c => !c.HiddenFromStar).ToList();
            var names = Rename(visible.Select(c => c.Name).ToList(), alias.Columns, alias.Name, alias.Position);
            int k = 0;
            var renamed = result.Columns.Select(c => c.HiddenFromStar
                ? c with { Table = null, HiddenFromUnqualified = true }
                : c with { Table = alias.Name, Name = names[k++], Schema = null, Origin = origin }).ToList();
            result = result with { Columns = renamed };
        }
        return result;
    }

    /// <summary>
    /// USING / NATURAL: equality on the named columns; the output starts with one merged column per name
    /// (COALESCE of both sides for FULL), followed by both inputs' columns, whose copies of the merged names are
    /// reachable only qualified and not part of an unqualified <c>*</c>.
    /// </summary>
    private FromItem BindUsingJoin(JoinTableRef j, JoinKind kind, FromItem left, FromItem right, double estimate)
    {
        IReadOnlyList<string> names = j.Using ?? left.Columns.Where(c => !c.HiddenFromUnqualified).Select(c => c.Name)
            .Where(n => right.Columns.Any(r => !r.HiddenFromUnqualified && r.Name == n)).Distinct().ToList();
        int leftCount = left.Columns.Count;
        var lk = new List<BoundExpr>();
        var rk = new List<BoundExpr>();
        var merged = new List<(int Left, int Right, SqlType Type)>();
        foreach (var name in names)
        {
            int l = FindUsingColumn(left.Columns, name, "left", j.Position);
            int r = FindUsingColumn(right.Columns, name, "right", j.Position);
            var type = Coercion.CommonType([left.Columns[l].Type, right.Columns[r].Type], "JOIN/USING", j.Position);
            lk.Add(Coercion.Cast(new BoundColumnRef(l, left.Columns[l].Type, name), type));
            rk.Add(Coercion.Cast(new BoundColumnRef(r, right.Columns[r].Type, name), type));
            merged.Add((l, r, type));
        }
        var join = new LogicalJoin(kind, left.Plan, right.Plan, lk, rk, null) { EstimatedRows = estimate };
        var exprs = new List<BoundExpr>();
        var columns = new List<ScopeColumn>();
        var outNames = new List<string>();
        for (int i = 0; i < merged.Count; i++)
        {
            var (l, r, type) = merged[i];
            BoundExpr lref = Coercion.Cast(new BoundColumnRef(l, left.Columns[l].Type, names[i]), type);
            BoundExpr rref = Coercion.Cast(new BoundColumnRef(leftCount + r, right.Columns[r].Type, names[i]), type);
            exprs.Add(kind switch
            {
                JoinKind.Right => rref,
                JoinKind.Full => new BoundCoalesce([lref, rref], type),
                _ => lref,
            });
            columns.Add(new ScopeColumn(null, names[i], type));
            outNames.Add(names[i]);
        }
        var all = left.Columns.Concat(right.Columns).ToList();
        for (int i = 0; i < all.Count; i++)
        {
            var c = all[i];
            bool isUsing = (i < leftCount ? merged.Any(m => m.Left == i) : merged.Any(m => m.Right == i - leftCount));
            exprs.Add(new BoundColumnRef(i, c.Type, c.Name));
            columns.Add(isUsing ? c with { HiddenFromStar = true, HiddenFromUnqualified = true } : c);
            outNames.Add(c.Name);
        }
        return new FromItem(new LogicalProject(join, exprs, outNames) { EstimatedRows = estimate }, columns);
    }

    private static int FindUsingColumn(IReadOnlyList<ScopeColumn> columns, string name, string side, int position)
    {
        int found = -1;
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].HiddenFromUnqualified || columns[i].Name != name) continue;
            if (found >= 0)
                throw new SqlException(SqlState.AmbiguousColumn, $"common column name \"{name}\" appears more than once in {side} table", position + 1);
            found = i;
        }
        if (found < 0)
            throw new SqlException(SqlState.UndefinedColumn, $"column \"{name}\" specified in USING clause does not exist in {side} table", position + 1);
        return found;
    }

    /// <summary>pg_get_keywords(): the words the parser restricts, with PostgreSQL's columns (word, catcode, barelabel, catdesc, baredesc).</summary>
    private FromItem BindKeywords(FunctionTableRef f)
    {
        var columns = new[] { "word", "catcode", "barelabel", "catdesc", "baredesc" };
        var types = new[] { SqlType.Text, SqlType.Text, SqlType.Boolean, SqlType.Text, SqlType.Text };
        var rows = Sql.Lexer.Keywords.Restricted().Select(k => (IReadOnlyList<BoundExpr>)
        [
            new BoundLiteral(k.Word, SqlType.Text), new BoundLiteral(k.Category.ToString(), SqlType.Text), BoundLiteral.Bool(k.Category != 'R'),
            new BoundLiteral(k.Category == 'R' ? "reserved" : "reserved (can be function or type name)", SqlType.Text),
            new BoundLiteral(k.Category == 'R' ? "cannot be bare label" : "can be bare label", SqlType.Text),
        ]).ToList();
        var plan = new LogicalValues(columns.Select((c, i) => new LogicalColumn(c, types[i])).ToList(), rows) { EstimatedRows = rows.Count };
        var names = f.Alias?.Columns is { Count: > 0 } renamed ? columns.Select((c, i) => i < renamed.Count ? renamed[i] : c).ToList() : columns.ToList();
        return Expose(plan, names, null, f.Alias?.Name ?? "pg_get_keywords", null);
    }
}
