using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;
using AstFrameBoundKind = ActorWarehouse.Engine.Sql.Ast.FrameBoundKind;
using FrameBound = ActorWarehouse.Engine.Planning.Logical.FrameBound;
using FrameBoundKind = ActorWarehouse.Engine.Planning.Logical.FrameBoundKind;
using WindowFrame = ActorWarehouse.Engine.Planning.Logical.WindowFrame;

namespace ActorWarehouse.Engine.Planning.Binder;

internal sealed partial class QueryBinder
{
    private SelectQuery? _currentSelect;

    /// <summary>
    /// Adds a window node for the window calls of the select list and ORDER BY (evaluated after grouping and HAVING)
    /// and returns a binder that maps each call to its output column.
    /// </summary>
    private ExpressionBinder BindWindows(List<SelectEntry> entries, IReadOnlyList<OrderItem> orderBy, ExpressionBinder current, PlanHolder holder)
    {
        var nodes = new List<FunctionCall>();
        foreach (var e in entries) AstWalker.CollectWindows(e.Expr, nodes);
        foreach (var o in orderBy) AstWalker.CollectWindows(o.Expr, nodes);
        if (nodes.Count == 0) return current;
        var calls = new List<WindowCall>();
        var names = new List<string>();
        var index = new Dictionary<FunctionCall, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            if (index.ContainsKey(node)) continue;
            index[node] = calls.Count;
            calls.Add(BindWindowCall(node, current));
            names.Add(node.Name);
        }
        int inputCount = holder.Plan.Schema.Count;
        holder.Plan = new LogicalWindow(holder.Plan, calls, names) { EstimatedRows = holder.Plan.EstimatedRows };
        var inner = current.Intercept;
        return new ExpressionBinder(this, current.Scope, holder, current.Clause)
        {
            Intercept = e => e is FunctionCall fc && index.TryGetValue(fc, out var i)
                ? new BoundColumnRef(inputCount + i, calls[i].Type, names[i])
                : inner?.Invoke(e),
        };
    }

    private WindowCall BindWindowCall(FunctionCall f, ExpressionBinder binder)
    {
        var spec = ResolveWindowSpec(f.Over!);
        var argBinder = new ExpressionBinder(this, binder.Scope, binder.Holder, "window function arguments") { Intercept = binder.Intercept };
        var partition = spec.PartitionBy.Select(argBinder.Bind).ToList();
        var order = spec.OrderBy.Select(o => MakeSortKey(argBinder.Bind(o.Expr), o)).ToList();
        var frame = spec.Frame is null
            ? (order.Count > 0 ? WindowFrame.UpToCurrentPeers : WindowFrame.WholePartition)
            : BindFrame(spec.Frame, argBinder);
        var args = f.Star ? new List<BoundExpr>() : f.Arguments.Select(argBinder.Bind).ToList();
        for (int i = 0; i < args.Count; i++)
            if (args[i].Type.Id == TypeId.Unknown) args[i] = Coercion.Cast(args[i], SqlType.Text);

        WindowCall Make(WindowFunctionKind kind, SqlType type, IReadOnlyList<BoundExpr> arguments, ResolvedAggregate? aggregate = null) =>
            new(f.Name, kind, aggregate, arguments, partition, order, frame, type) { Distinct = f.Distinct, IgnoreNulls = f.Nulls == NullTreatment.IgnoreNulls };

        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
                throw new SqlException(SqlState.UndefinedFunction, $"function {f.Name} with {args.Count} arguments does not exist", f.Position + 1);
        }

        switch (f.Name)
        {
            case "row_number": Arity(0, 0); return Make(WindowFunctionKind.RowNumber, SqlType.BigInt, args);
            case "rank": Arity(0, 0); return Make(WindowFunctionKind.Rank, SqlType.BigInt, args);
            case "dense_rank": Arity(0, 0); return Make(WindowFunctionKind.DenseRank, SqlType.BigInt, args);
            case "percent_rank": Arity(0, 0); return Make(WindowFunctionKind.PercentRank, SqlType.Double, args);
            case "cume_dist": Arity(0, 0); return Make(WindowFunctionKind.CumeDist, SqlType.Double, args);
            case "ntile": Arity(1, 1); return Make(WindowFunctionKind.Ntile, SqlType.Integer, [Coercion.Cast(args[0], SqlType.Integer)]);
            case "lag" or "lead":
            {
                Arity(1, 3);
                var value = args[0];
                var type = value.Type;
                if (args.Count == 3)
                {
                    type = Coercion.CommonType([value.Type, args[2].Type], f.Name.ToUpperInvariant(), f.Position);
                    value = Coercion.Cast(value, type);
                }
                var list = new List<BoundExpr> { value, args.Count > 1 ? Coercion.Cast(args[1], SqlType.BigInt) : new BoundLiteral(1L, SqlType.BigInt) };
                if (args.Count == 3) list.Add(Coercion.Cast(args[2], type));
                return Make(f.Name == "lag" ? WindowFunctionKind.Lag : WindowFunctionKind.Lead, type, list);
            }
            case "first_value": Arity(1, 1); return Make(WindowFunctionKind.FirstValue, args[0].Type, args);
            case "last_value": Arity(1, 1); return Make(WindowFunctionKind.LastValue, args[0].Type, args);
            case "nth_value": Arity(2, 2); return Make(WindowFunctionKind.NthValue, args[0].Type, [args[0], Coercion.Cast(args[1], SqlType.BigInt)]);
        }
        if (!f.Star && !FunctionRegistry.IsAggregate(f.Name))
            throw new SqlException(SqlState.WrongObjectType,
                $"OVER specified, but {f.Name} is not a window function nor an aggregate function", f.Position + 1);
        ResolvedAggregate resolved;
        try
        {
            resolved = FunctionRegistry.ResolveAggregate(f.Name, args.Select(a => a.Type).ToList(), f.Distinct);
        }
        catch (SqlException e) when (e.Position is null)
        {
            throw new SqlException(e.SqlState, e.Message, f.Position + 1, e.Detail, e.Hint);
        }
        var cast = args.Select((a, i) => i < resolved.ParameterTypes.Count ? Coercion.Cast(a, resolved.ParameterTypes[i]) : a).ToList();
        if (f.Filter is not null)
        {
            // agg(x) FILTER (WHERE p) OVER w  ≡  agg(CASE WHEN p THEN x END) OVER w, since aggregates skip NULL inputs;
            // count(*) counts a constant that is NULL where p is not TRUE.
            var condition = argBinder.BindCondition(f.Filter);
            if (cast.Count == 0)
            {
                var one = new BoundCase([new BoundWhen(condition, new BoundLiteral(1, SqlType.Integer))], BoundLiteral.Null(SqlType.Integer), SqlType.Integer);
                resolved = FunctionRegistry.ResolveAggregate("count", [SqlType.Integer], f.Distinct);
                cast = [Coercion.Cast(one, resolved.ParameterTypes[0])];
            }
            else
            {
                cast[0] = new BoundCase([new BoundWhen(condition, cast[0])], BoundLiteral.Null(cast[0].Type), cast[0].Type);
            }
        }
        return Make(WindowFunctionKind.Aggregate, resolved.ReturnType, cast, resolved);
    }

    /// <summary>OVER name / OVER (name ORDER BY ...): merges the named window of the WINDOW clause.</summary>
    private WindowSpec ResolveWindowSpec(WindowSpec spec)
    {
        if (spec.BaseWindow is null) return spec;
        var named = _currentSelect?.Windows.FirstOrDefault(w => w.Name == spec.BaseWindow)
            ?? throw new SqlException(SqlState.UndefinedObject, $"window \"{spec.BaseWindow}\" does not exist", spec.Position + 1);
        var baseSpec = ResolveWindowSpec(named.Spec);
        return new WindowSpec(spec.Position, null,
            baseSpec.PartitionBy,
            spec.OrderBy.Count > 0 ? spec.OrderBy : baseSpec.OrderBy,
            spec.Frame ?? baseSpec.Frame);
    }

    private static WindowFrame BindFrame(Sql.Ast.WindowFrame frame, ExpressionBinder binder)
    {
        if (frame.Unit == FrameUnit.Groups)
            throw new SqlException(SqlState.FeatureNotSupported, "GROUPS frames are not supported", frame.Position + 1);
        FrameBound Bound(Sql.Ast.FrameBound b)
        {
            BoundExpr? offset = null;
            if (b.Offset is not null)
            {
                offset = ConstantEvaluator.TryFold(binder.Bind(b.Offset))
                    ?? throw new SqlException(SqlState.FeatureNotSupported, "frame offsets must be constants", b.Offset.Position + 1);
                if (frame.Unit == FrameUnit.Rows) offset = Coercion.Cast(offset, SqlType.BigInt);
            }
            var kind = b.Kind switch
            {
                AstFrameBoundKind.UnboundedPreceding => FrameBoundKind.UnboundedPreceding,
                AstFrameBoundKind.Preceding => FrameBoundKind.Preceding,
                AstFrameBoundKind.CurrentRow => FrameBoundKind.CurrentRow,
                AstFrameBoundKind.Following => FrameBoundKind.Following,
                _ => FrameBoundKind.UnboundedFollowing,
            };
            return new FrameBound(kind, offset);
        }
        return new WindowFrame(frame.Unit == FrameUnit.Rows ? FrameUnits.Rows : FrameUnits.Range, Bound(frame.Start), Bound(frame.End));
    }
}
