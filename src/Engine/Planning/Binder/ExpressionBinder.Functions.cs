using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

internal sealed partial class ExpressionBinder
{
    private BoundExpr BindFunction(FunctionCall f)
    {
        if (f.Over is not null)
            throw new SqlException(SqlState.WindowingError, $"window functions are not allowed in {Clause}", f.Position + 1);
        if (AstWalker.IsAggregateCall(f))
            throw new SqlException(SqlState.GroupingError, Clause == "aggregate arguments"
                ? "aggregate function calls cannot be nested" : $"aggregate functions are not allowed in {Clause}", f.Position + 1);
        if (f.Star || f.Distinct || f.Filter is not null || f.WithinGroup is { Count: > 0 })
            throw new SqlException(SqlState.WrongObjectType, $"{f.Name} is not an aggregate function", f.Position + 1);
        switch (f.Name)
        {
            case "coalesce" or "nvl":
                return BindCoalesce(f);
            case "nullif" when f.Arguments.Count == 2:
            {
                var a = Bind(f.Arguments[0]);
                var b = Bind(f.Arguments[1]);
                var eq = Operator("=", a, b, f.Position);
                return new BoundCase([new BoundWhen(eq, BoundLiteral.Null(a.Type.Id == TypeId.Unknown ? SqlType.Text : a.Type))],
                    Coercion.Cast(a, a.Type.Id == TypeId.Unknown ? SqlType.Text : a.Type), a.Type.Id == TypeId.Unknown ? SqlType.Text : a.Type);
            }
            case "nvl2" when f.Arguments.Count == 3:
            {
                var test = Bind(f.Arguments[0]);
                var whenNotNull = Bind(f.Arguments[1]);
                var whenNull = Bind(f.Arguments[2]);
                var type = Coercion.CommonType([whenNotNull.Type, whenNull.Type], "NVL2", f.Position);
                return new BoundCase([new BoundWhen(new BoundIsNull(test, Negated: true), Coercion.Cast(whenNotNull, type))],
                    Coercion.Cast(whenNull, type), type);
            }
            case "decode" when f.Arguments.Count >= 3:
                return BindDecode(f);
            case "greatest" or "least" when !FunctionRegistry.IsScalar(f.Name):
                return BindGreatestLeast(f);
            case "nextval" or "currval" or "setval" when Queries.Context.Sequences is { } sequences:
                return sequences.Bind(f.Name, f.Arguments.Select(Bind).ToList(), f.Position);
        }
        var args = f.Arguments.Select((a, i) => i == 0 && IsDatePartWord(f, a) ? new BoundLiteral(((ColumnRef)a).Name, SqlType.Unknown) : Bind(a)).ToList();
        if (Queries.Context.CatalogFunctions?.TryBindFunction(f.Name, args, f.Position) is { } catalogFunction) return catalogFunction;
        return Call(f.Name, args, f.Position);
    }

    /// <summary>Redshift writes the date part of DATEADD/DATEDIFF/DATE_PART as a bare word: <c>DATEADD(day, 1, d)</c>.</summary>
    private bool IsDatePartWord(FunctionCall f, Expr argument)
    {
        if (argument is not ColumnRef { Parts.Count: 1 } word || f.Arguments.Count < 2) return false;
        if (f.Name is "dateadd" or "datediff" or "datepart" or "date_add" or "date_diff") return true;
        return f.Name is "date_part" or "date_trunc" && Scope.Find(word.Parts, word.Position) < 0 && Scope.Outer is null;
    }

    private BoundExpr BindCoalesce(FunctionCall f)
    {
        if (f.Arguments.Count == 0)
            throw new SqlException(SqlState.SyntaxError, "syntax error at or near \")\"", f.Position + 1);
        var args = f.Arguments.Select(Bind).ToList();
        var type = Coercion.CommonType(args.Select(a => a.Type), "COALESCE", f.Position);
        return new BoundCoalesce(args.Select(a => Coercion.Cast(a, type)).ToList(), type);
    }

    /// <summary>Redshift DECODE(expr, search1, result1, ..., [default]): NULL matches NULL.</summary>
    private BoundExpr BindDecode(FunctionCall f)
    {
        var operand = Bind(f.Arguments[0]);
        var whens = new List<(BoundExpr Search, BoundExpr Result)>();
        int i = 1;
        for (; i + 1 < f.Arguments.Count; i += 2) whens.Add((Bind(f.Arguments[i]), Bind(f.Arguments[i + 1])));
        BoundExpr elseExpr = i < f.Arguments.Count ? Bind(f.Arguments[i]) : BoundLiteral.Null(SqlType.Unknown);
        var type = Coercion.CommonType([.. whens.Select(w => w.Result.Type), elseExpr.Type], "DECODE", f.Position);
        var searchType = Coercion.CommonType([operand.Type, .. whens.Select(w => w.Search.Type)], "DECODE", f.Position);
        var arms = whens.Select(w => new BoundWhen(
            new BoundIsDistinctFrom(Coercion.Cast(operand, searchType), Coercion.Cast(w.Search, searchType), Negated: true),
            Coercion.Cast(w.Result, type))).ToList();
        return new BoundCase(arms, Coercion.Cast(elseExpr, type), type);
    }

    /// <summary>GREATEST/LEAST as a CASE chain (NULL arguments are ignored, as in PostgreSQL).</summary>
    private BoundExpr BindGreatestLeast(FunctionCall f)
    {
        var args = f.Arguments.Select(Bind).ToList();
        var type = Coercion.CommonType(args.Select(a => a.Type), f.Name.ToUpperInvariant(), f.Position);
        var op = f.Name == "greatest" ? ">" : "<";
        BoundExpr acc = Coercion.Cast(args[0], type);
        for (int i = 1; i < args.Count; i++)
        {
            var next = Coercion.Cast(args[i], type);
            var better = Operator(op, next, acc, f.Position);
            acc = new BoundCase([
                new BoundWhen(new BoundIsNull(acc, false), next),
                new BoundWhen(new BoundIsNull(next, false), acc),
                new BoundWhen(better, next)], acc, type);
        }
        return acc;
    }
}
