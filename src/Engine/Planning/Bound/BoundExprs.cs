using System.Text;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>Tree helpers over <see cref="BoundExpr"/>: rewriting, conjunct splitting, column usage, structural keys.</summary>
public static class BoundExprs
{
    /// <summary>
    /// Rebuilds <paramref name="expr"/> bottom-up: children first, then <paramref name="replace"/> on the rebuilt node
    /// (returning null keeps it). Leaves of unknown kinds are passed to <paramref name="replace"/> unchanged.
    /// </summary>
    public static BoundExpr Rewrite(BoundExpr expr, Func<BoundExpr, BoundExpr?> replace)
    {
        BoundExpr rebuilt = expr switch
        {
            BoundCast c => c with { Input = Rewrite(c.Input, replace) },
            BoundFunctionCall f => f with { Arguments = RewriteAll(f.Arguments, replace) },
            BoundAnd a => new BoundAnd(RewriteAll(a.Terms, replace)),
            BoundOr o => new BoundOr(RewriteAll(o.Terms, replace)),
            BoundNot n => new BoundNot(Rewrite(n.Input, replace)),
            BoundIsNull n => n with { Input = Rewrite(n.Input, replace) },
            BoundIsDistinctFrom d => d with { Left = Rewrite(d.Left, replace), Right = Rewrite(d.Right, replace) },
            BoundCase c => c with
            {
                Whens = c.Whens.Select(w => new BoundWhen(Rewrite(w.Condition, replace), Rewrite(w.Result, replace))).ToList(),
                Else = Rewrite(c.Else, replace),
            },
            BoundCoalesce c => c with { Arguments = RewriteAll(c.Arguments, replace) },
            BoundInList i => i with { Input = Rewrite(i.Input, replace), List = RewriteAll(i.List, replace) },
            _ => expr,
        };
        return replace(rebuilt) ?? rebuilt;
    }

    private static IReadOnlyList<BoundExpr> RewriteAll(IReadOnlyList<BoundExpr> list, Func<BoundExpr, BoundExpr?> replace)
    {
        var result = new BoundExpr[list.Count];
        for (int i = 0; i < list.Count; i++) result[i] = Rewrite(list[i], replace);
        return result;
    }

    /// <summary>True when <paramref name="predicate"/> holds for the node or any descendant.</summary>
    public static bool Any(BoundExpr expr, Func<BoundExpr, bool> predicate)
    {
        if (predicate(expr)) return true;
        foreach (var child in expr.Children)
            if (Any(child, predicate)) return true;
        return false;
    }

    /// <summary>The AND-ed terms of a predicate (a non-AND predicate is one term).</summary>
    public static List<BoundExpr> Conjuncts(BoundExpr? predicate)
    {
        var list = new List<BoundExpr>();
        Collect(predicate, list);
        return list;

        static void Collect(BoundExpr? e, List<BoundExpr> into)
        {
            if (e is null) return;
            if (e is BoundAnd and)
                foreach (var t in and.Terms) Collect(t, into);
            else into.Add(e);
        }
    }

    /// <summary>AND of <paramref name="terms"/>: null for none, the term itself for one.</summary>
    public static BoundExpr? And(IReadOnlyList<BoundExpr> terms) => terms.Count switch
    {
        0 => null,
        1 => terms[0],
        _ => new BoundAnd(terms.SelectMany(t => t is BoundAnd a ? a.Terms : [t]).ToList()),
    };

    /// <summary>Input column ordinals the expression reads.</summary>
    public static HashSet<int> Columns(BoundExpr expr)
    {
        var set = new HashSet<int>();
        Visit(expr);
        return set;

        void Visit(BoundExpr e)
        {
            if (e is BoundColumnRef c) set.Add(c.Ordinal);
            foreach (var child in e.Children) Visit(child);
        }
    }

    /// <summary>Adds <paramref name="offset"/> to every column ordinal.</summary>
    public static BoundExpr Shift(BoundExpr expr, int offset) =>
        offset == 0 ? expr : Rewrite(expr, e => e is BoundColumnRef c ? c with { Ordinal = c.Ordinal + offset } : null);

    /// <summary>Maps every column ordinal through <paramref name="map"/> (old ordinal → new ordinal).</summary>
    public static BoundExpr Remap(BoundExpr expr, IReadOnlyDictionary<int, int> map) =>
        Rewrite(expr, e => e is BoundColumnRef c ? c with { Ordinal = map[c.Ordinal] } : null);

    /// <summary>Replaces every column reference by the expression it stands for (inlining a projection).</summary>
    public static BoundExpr Inline(BoundExpr expr, IReadOnlyList<BoundExpr> definitions) =>
        Rewrite(expr, e => e is BoundColumnRef c ? definitions[c.Ordinal] : null);

    /// <summary>True when the expression is deterministic and reads no column (foldable at plan time).</summary>
    public static bool IsConstant(BoundExpr expr) => !Any(expr, e =>
        e is BoundColumnRef or BoundParameter
        || (e is BoundFunctionCall f && (f.Function.IsVolatile || f.Function.IsStatementStable))
        || e.GetType().Namespace != typeof(BoundExpr).Namespace);

    /// <summary>
    /// A canonical text of the expression's structure (kinds, ordinals, types, values), equal for equal trees;
    /// used to match GROUP BY keys and select-list expressions.
    /// </summary>
    public static string Key(BoundExpr expr)
    {
        var sb = new StringBuilder();
        Append(expr, sb);
        return sb.ToString();

        static void Append(BoundExpr e, StringBuilder sb)
        {
            switch (e)
            {
                case BoundColumnRef c: sb.Append('#').Append(c.Ordinal); break;
                case BoundLiteral l: sb.Append("lit(").Append(l.Value?.GetType().Name).Append(':').Append(l.Value).Append(')'); break;
                case BoundFunctionCall f: sb.Append(f.Name).Append('/').Append(f.Function.Name); break;
                case BoundCast c: sb.Append(c.IsExplicit ? "cast!" : "cast"); break;
                case BoundIsNull n: sb.Append(n.Negated ? "notnull" : "isnull"); break;
                case BoundIsDistinctFrom d: sb.Append(d.Negated ? "notdistinct" : "distinct"); break;
                case BoundInList i: sb.Append(i.Negated ? "notin" : "in"); break;
                case BoundParameter p: sb.Append('$').Append(p.Index); break;
                default: sb.Append(e.GetType().Name); if (e.Children.Count == 0) sb.Append('{').Append(e).Append('}'); break;
            }
            sb.Append(':').Append(e.Type);
            if (e.Children.Count == 0) return;
            sb.Append('[');
            foreach (var child in e.Children)
            {
                Append(child, sb);
                sb.Append(',');
            }
            sb.Append(']');
        }
    }
}
