using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Inserting casts into bound trees. Literals are converted at bind time (a bad literal fails the statement with
/// its 22xxx error before anything runs, as in PostgreSQL); other expressions get a <see cref="BoundCast"/>.
/// </summary>
internal static class Coercion
{
    public static BoundExpr Cast(BoundExpr expr, SqlType target, bool isExplicit = false)
    {
        if (target.Id == TypeId.Unknown) return expr;
        if (expr is InferredParameter { Type.Id: TypeId.Unknown } parameter)
            return new InferredParameter(parameter.Index, parameter.Collector.Infer(parameter.Index, target), parameter.Collector);
        if (SameType(expr.Type, target, isExplicit)) return expr;
        if (expr is BoundLiteral literal)
        {
            if (literal.Value is null) return BoundLiteral.Null(target);
            if (literal.Type.Id == TypeId.Unknown && literal.Value is string text)
            {
                var parsed = target.IsString ? ValueParser.ParseString(text, target, isExplicit) : ValueParser.Parse(text, target);
                return new BoundLiteral(Constants.Normalize(parsed, target), target);
            }
            var converted = Casts.Cast(Constants.ToVector(literal.Value, literal.Type), target, isExplicit);
            return new BoundLiteral(Constants.FromVector(converted), target);
        }
        return new BoundCast(expr, target, isExplicit);
    }

    /// <summary>
    /// True when no conversion is needed. Unbounded text types are interchangeable for implicit casts;
    /// an explicit cast to a bounded length or another decimal scale always converts.
    /// </summary>
    public static bool SameType(SqlType from, SqlType to, bool isExplicit)
    {
        if (from == to) return true;
        if (from.Id == TypeId.Varchar && to.Id == TypeId.Varchar && (to.Length == 0 || (!isExplicit && from.Length != 0 && from.Length <= to.Length))) return true;
        return false;
    }

    /// <summary>The type all of <paramref name="types"/> convert to (UNION, CASE, COALESCE, IN); unknowns become text.</summary>
    public static SqlType CommonType(IEnumerable<SqlType> types, string context, int position)
    {
        SqlType? result = null;
        foreach (var t in types)
        {
            if (t.Id == TypeId.Unknown) continue;
            if (result is null) { result = t; continue; }
            try
            {
                result = TypeCoercion.CommonType(result.Value, t);
            }
            catch (SqlException e) when (e.SqlState == SqlState.DatatypeMismatch)
            {
                throw new SqlException(SqlState.DatatypeMismatch, $"{context} types {result.Value} and {t} cannot be matched", position + 1);
            }
        }
        return result ?? SqlType.Text;
    }

    /// <summary>Casts to boolean for conditions (WHERE, AND, CASE WHEN); 42804 when the type cannot be.</summary>
    public static BoundExpr ToCondition(BoundExpr expr, string context, int position)
    {
        if (expr.Type.Id == TypeId.Boolean) return expr;
        if (expr.Type.Id == TypeId.Unknown) return Cast(expr, SqlType.Boolean);
        throw new SqlException(SqlState.DatatypeMismatch, $"argument of {context} must be type boolean, not type {expr.Type}", position + 1);
    }
}
