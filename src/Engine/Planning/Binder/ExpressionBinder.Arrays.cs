using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Catalog casts and the array forms client catalog queries use. Arrays are carried in their text form ('{a,b}'):
/// ARRAY(subquery) aggregates the column with listagg, ARRAY[...] concatenates, x = ANY(array) tests membership.
/// </summary>
internal sealed partial class ExpressionBinder
{
    private BoundExpr BindCatalogCast(CatalogCastExpr c)
    {
        var operand = Bind(c.Operand);
        if (Queries.Context.CatalogFunctions is { } catalog) return catalog.BindCast(c.Type, operand, c.Position);
        return c.Type switch
        {
            CatalogType.Oid => Coercion.Cast(operand, SqlType.Integer, isExplicit: true),
            CatalogType.Xid => Coercion.Cast(operand, SqlType.BigInt, isExplicit: true),
            CatalogType.Name or CatalogType.Char1 or CatalogType.Array => Coercion.Cast(operand, SqlType.Text, isExplicit: true),
            _ => throw new SqlException(SqlState.FeatureNotSupported, $"casts to {c.Type.ToString().ToLowerInvariant()} are not supported here", c.Position + 1),
        };
    }

    /// <summary>'name'::regclass::text: the object's canonical name (a reg* value shows as its name).</summary>
    private BoundExpr BindRegName(CatalogCastExpr inner)
    {
        var bound = BindCatalogCast(inner);
        return bound.Type.IsInteger && Queries.Context.CatalogFunctions is { } catalog ? catalog.BindCast(inner.Type, bound, inner.Position) : bound;
    }

    /// <summary>ARRAY(SELECT x FROM ... [ORDER BY ...]) → (SELECT coalesce('{' || listagg(x::text, ',') || '}', '{}') FROM ...).</summary>
    private BoundExpr BindArraySubquery(ArraySubqueryExpr a)
    {
        int at = a.Position;
        var query = a.Subquery;
        if (query is { With: null, Body: SelectQuery { From: [FunctionTableRef { Call: { Name: "unnest", Arguments: [var unnested] } }], Where: null, GroupBy.Count: 0 } })
            return BindArrayOverUnnest(unnested, at);
        if (query is { With: null, Limit: null, Offset: null, Body: SelectQuery { Items: [ExprSelectItem item], GroupBy.Count: 0, Having: null, Distinct: false } select })
        {
            var order = query.OrderBy.Select(o => o.Expr is IntegerLiteral { Value: 1 } ? o with { Expr = item.Expr } : o).ToList();
            var body = select with { Items = [new ExprSelectItem(at, Collect(item.Expr, order, at), null)] };
            return Bind(new ScalarSubqueryExpr(at, new Query(at, null, body, [], null, null)));
        }
        var value = new ColumnRef(at, ["__array", "v"]);
        var wrapped = new SelectQuery(at, false, [new ExprSelectItem(at, Collect(value, [], at), null)],
            [new SubqueryTableRef(at, query, new TableAlias(at, "__array", ["v"]), false)], null, [], null, []);
        return Bind(new ScalarSubqueryExpr(at, new Query(at, null, wrapped, [], null, null)));
    }

    private static Expr Collect(Expr element, IReadOnlyList<OrderItem> order, int at)
    {
        var listagg = new FunctionCall(at, null, "listagg", [new CastExpr(at, element, SqlType.Text), new StringLiteral(at, ",")],
            WithinGroup: order.Count > 0 ? order : null);
        var braced = new BinaryExpr(at, BinaryOperator.Concat, new BinaryExpr(at, BinaryOperator.Concat, new StringLiteral(at, "{"), listagg),
            new StringLiteral(at, "}"));
        return new FunctionCall(at, null, "coalesce", [braced, new StringLiteral(at, "{}")]);
    }

    /// <summary>
    /// ARRAY(SELECT f(x) FROM unnest(array) x) over an array of this row (psql's \d+ does this with pg_class.reloptions):
    /// an empty or NULL array gives '{}'; mapping the elements of a non-empty one would need LATERAL, which is 0A000.
    /// </summary>
    private BoundExpr BindArrayOverUnnest(Expr unnested, int position)
    {
        var array = Coercion.Cast(Bind(unnested), SqlType.Text, isExplicit: true);
        var resolved = new ResolvedFunction("array_map", SqlType.Text, [SqlType.Text], (args, rows, _) =>
            KernelTemplates.RowWise<string>(args, rows, SqlType.Text, (ColumnVector[] a, int[] ix, out string result) =>
            {
                var elements = ArrayText.Parse(((ColumnVector<string>)a[0]).Values[ix[0]]);
                result = "{}";
                return elements is { Count: 0 } ? true : throw new SqlException(SqlState.FeatureNotSupported,
                    "ARRAY(SELECT ... FROM unnest(...)) over a non-empty array of the outer row is not supported", position + 1);
            }));
        var mapped = new BoundFunctionCall("array_map", resolved, [array]);
        return new BoundCoalesce([mapped, new BoundLiteral("{}", SqlType.Text)], SqlType.Text);
    }

    /// <summary>ARRAY[a, b] → '{' || a || ',' || b || '}' (NULL elements as NULL).</summary>
    private BoundExpr BindArrayConstructor(ArrayConstructorExpr a)
    {
        int at = a.Position;
        Expr text = new StringLiteral(at, "{");
        for (int i = 0; i < a.Items.Count; i++)
        {
            if (i > 0) text = new BinaryExpr(at, BinaryOperator.Concat, text, new StringLiteral(at, ","));
            var element = new FunctionCall(at, null, "coalesce", [new CastExpr(at, a.Items[i], SqlType.Text), new StringLiteral(at, "NULL")]);
            text = new BinaryExpr(at, BinaryOperator.Concat, text, element);
        }
        return Bind(new BinaryExpr(at, BinaryOperator.Concat, text, new StringLiteral(at, "}")));
    }

    /// <summary>x op ANY|ALL (ARRAY[...]) expands to comparisons; against an array value, = ANY and &lt;&gt; ALL test membership.</summary>
    private BoundExpr BindArrayComparison(ArrayComparisonExpr a)
    {
        if (a.Array is ArrayConstructorExpr constructor)
        {
            if (constructor.Items.Count == 0) return BoundLiteral.Bool(a.Quantifier == Quantifier.All);
            if (a.Operator == BinaryOperator.Equal && a.Quantifier == Quantifier.Any) return Bind(new InListExpr(a.Position, a.Left, constructor.Items, false));
            if (a.Operator == BinaryOperator.NotEqual && a.Quantifier == Quantifier.All) return Bind(new InListExpr(a.Position, a.Left, constructor.Items, true));
            Expr combined = constructor.Items.Select(item => (Expr)new BinaryExpr(a.Position, a.Operator, a.Left, item))
                .Aggregate((x, y) => new BinaryExpr(a.Position, a.Quantifier == Quantifier.Any ? BinaryOperator.Or : BinaryOperator.And, x, y));
            return Bind(combined);
        }
        bool negate = (a.Operator, a.Quantifier) switch
        {
            (BinaryOperator.Equal, Quantifier.Any) => false,
            (BinaryOperator.NotEqual, Quantifier.All) => true,
            _ => throw new SqlException(SqlState.FeatureNotSupported, "only = ANY and <> ALL are supported with an array value", a.Position + 1),
        };
        var left = Coercion.Cast(Bind(a.Left), SqlType.Text, isExplicit: true);
        var array = Coercion.Cast(Bind(a.Array), SqlType.Text, isExplicit: true);
        var resolved = new ResolvedFunction("array_contains", SqlType.Boolean, [SqlType.Text, SqlType.Text], ArrayContains);
        BoundExpr contains = new BoundFunctionCall("array_contains", resolved, [array, left]);
        return negate ? Not(contains) : contains;
    }

    private static ColumnVector ArrayContains(ReadOnlySpan<ColumnVector> args, int rowCount, FunctionContext context) =>
        KernelTemplates.RowWise<bool>(args, rowCount, SqlType.Boolean, (ColumnVector[] a, int[] ix, out bool result) =>
        {
            var elements = ArrayText.Parse(((ColumnVector<string>)a[0]).Values[ix[0]])
                ?? throw new SqlException(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{((ColumnVector<string>)a[0]).Values[ix[0]]}\"");
            var value = ((ColumnVector<string>)a[1]).Values[ix[1]];
            result = elements.Contains(value);
            return true;
        });

    /// <summary>array[i] on an array's text form: the i-th element (1-based), NULL when out of range.</summary>
    private BoundExpr BindArraySubscript(ArraySubscriptExpr a)
    {
        var array = Coercion.Cast(Bind(a.Array), SqlType.Text, isExplicit: true);
        var index = Coercion.Cast(Bind(a.Index), SqlType.Integer);
        var resolved = new ResolvedFunction("array_element", SqlType.Text, [SqlType.Text, SqlType.Integer], ArrayElement);
        return new BoundFunctionCall("array_element", resolved, [array, index]);
    }

    private static ColumnVector ArrayElement(ReadOnlySpan<ColumnVector> args, int rowCount, FunctionContext context) =>
        KernelTemplates.RowWise<string>(args, rowCount, SqlType.Text, (ColumnVector[] a, int[] ix, out string result) =>
        {
            var text = ((ColumnVector<string>)a[0]).Values[ix[0]];
            var elements = ArrayText.Parse(text) ?? throw new SqlException(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{text}\"");
            int index = ((ColumnVector<int>)a[1]).Values[ix[1]];
            result = index >= 1 && index <= elements.Count ? elements[index - 1]! : "";
            return index >= 1 && index <= elements.Count && elements[index - 1] is not null;
        });

    /// <summary>
    /// (row).field: only the rows of information_schema._pg_expandarray(array) (fields x and n) exist here. That function
    /// returns a set in PostgreSQL; the warehouse has no set-returning functions in select lists, so evaluating it on a
    /// non-empty array is 0A000 (the catalogs it is used on, like pg_index, hold no rows).
    /// </summary>
    private BoundExpr BindFieldSelect(FieldSelectExpr f)
    {
        if (f.Field is not ("x" or "n"))
            throw new SqlException(SqlState.FeatureNotSupported, $"field selection .{f.Field} is not supported", f.Position + 1);
        var operand = Coercion.Cast(Bind(f.Operand), SqlType.Text, isExplicit: true);
        var type = f.Field == "n" ? SqlType.Integer : SqlType.Text;
        ScalarKernel kernel = f.Field == "n"
            ? (args, rows, _) => KernelTemplates.RowWise<int>(args, rows, type, (ColumnVector[] a, int[] ix, out int r) => throw SetReturning())
            : (args, rows, _) => KernelTemplates.RowWise<string>(args, rows, type, (ColumnVector[] a, int[] ix, out string r) => throw SetReturning());
        var resolved = new ResolvedFunction("field_" + f.Field, type, [SqlType.Text], kernel);
        return new BoundFunctionCall("field_" + f.Field, resolved, [operand]);
    }

    private static SqlException SetReturning() =>
        new(SqlState.FeatureNotSupported, "set-returning functions in the select list are not supported");

    private static bool IsArrayElement(BoundExpr e) => e is BoundFunctionCall { Name: "array_element" or "field_x" };
}
