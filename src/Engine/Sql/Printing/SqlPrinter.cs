using System.Globalization;
using System.Text;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Printing;

/// <summary>
/// Turns queries and expressions back into SQL text that <see cref="Parser.SqlParser"/> reads into the same tree:
/// every operator is parenthesized, every name is quoted, interval literals are written out in months, days
/// and microseconds. For messages, EXPLAIN VERBOSE and tests; not a pretty printer.
/// </summary>
public static class SqlPrinter
{
    /// <summary>SQL text of an expression.</summary>
    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        new Writer(sb).Expr(expr);
        return sb.ToString();
    }

    /// <summary>SQL text of a query.</summary>
    public static string Print(Query query)
    {
        var sb = new StringBuilder();
        new Writer(sb).Query(query);
        return sb.ToString();
    }

    /// <summary>SQL text of a FROM item.</summary>
    public static string Print(TableRef table)
    {
        var sb = new StringBuilder();
        new Writer(sb).Table(table);
        return sb.ToString();
    }

    /// <summary>A type name the parser maps back to <paramref name="type"/>.</summary>
    public static string PrintType(SqlType type) => type.Id switch
    {
        TypeId.Decimal => $"numeric({type.Precision},{type.Scale})",
        TypeId.Char => type.Length > 0 ? $"char({type.Length})" : "bpchar",
        TypeId.Varchar => type.Length > 0 ? $"varchar({type.Length})" : "varchar",
        _ => type.ToString(),
    };

    /// <summary>An identifier in double quotes ("" doubled).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal in single quotes ('' doubled).</summary>
    public static string QuoteString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private sealed class Writer(StringBuilder sb)
    {
        private void Append(string text) => sb.Append(text);

        private void List<T>(IReadOnlyList<T> items, Action<T> write, string separator = ", ")
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    Append(separator);
                }
                write(items[i]);
            }
        }

        private void Names(IReadOnlyList<string> names)
        {
            Append("(");
            List(names, n => Append(Quote(n)));
            Append(")");
        }

        private void Dotted(IEnumerable<string> parts) => Append(string.Join('.', parts.Select(Quote)));

        private void Name(QualifiedName name)
        {
            if (name.Database is not null)
            {
                Append(Quote(name.Database) + ".");
            }
            if (name.Schema is not null)
            {
                Append(Quote(name.Schema) + ".");
            }
            Append(Quote(name.Name));
        }

        // ------------------------------------------------------------ queries

        public void Query(Query q)
        {
            if (q.With is { } with)
            {
                Append(with.Recursive ? "WITH RECURSIVE " : "WITH ");
                var self = this;
                List(with.Ctes, cte =>
                {
                    self.Append(Quote(cte.Name));
                    if (cte.Columns is { } columns)
                    {
                        self.Append(" ");
                        self.Names(columns);
                    }
                    self.Append(cte.Materialized switch { true => " AS MATERIALIZED (", false => " AS NOT MATERIALIZED (", null => " AS (" });
                    self.Query(cte.Query);
                    self.Append(")");
                });
                Append(" ");
            }
            Body(q.Body);
            if (q.OrderBy.Count > 0)
            {
                Append(" ORDER BY ");
                OrderItems(q.OrderBy);
            }
            if (q.Limit is { } limit)
            {
                Append(" LIMIT ");
                Expr(limit);
            }
            if (q.Offset is { } offset)
            {
                Append(" OFFSET ");
                Expr(offset);
            }
        }

        private void Body(QueryExpr body)
        {
            switch (body)
            {
                case SelectQuery s:
                    Select(s);
                    break;
                case SetOperationQuery op:
                    Append("(");
                    Body(op.Left);
                    Append(") ");
                    Append(op.Operator switch { SetOperator.Union => "UNION", SetOperator.Intersect => "INTERSECT", _ => "EXCEPT" });
                    Append(op.All ? " ALL (" : " (");
                    Body(op.Right);
                    Append(")");
                    break;
                case ValuesQuery v:
                    Append("VALUES ");
                    var self = this;
                    List(v.Rows, row =>
                    {
                        self.Append("(");
                        self.List(row, self.Expr);
                        self.Append(")");
                    });
                    break;
                case Query nested:
                    Append("(");
                    Query(nested);
                    Append(")");
                    break;
                default:
                    throw new InvalidOperationException($"unknown query node {body.GetType().Name}");
            }
        }

        private void Select(SelectQuery s)
        {
            Append(s.Distinct ? "SELECT DISTINCT " : "SELECT ");
            var self = this;
            List(s.Items, item =>
            {
                switch (item)
                {
                    case StarSelectItem { Qualifier: null }:
                        self.Append("*");
                        break;
                    case StarSelectItem star:
                        self.Dotted(star.Qualifier!);
                        self.Append(".*");
                        break;
                    case ExprSelectItem e:
                        self.Expr(e.Expr);
                        if (e.Alias is not null)
                        {
                            self.Append(" AS " + Quote(e.Alias));
                        }
                        break;
                }
            });
            if (s.From.Count > 0)
            {
                Append(" FROM ");
                List(s.From, Table);
            }
            if (s.Where is { } where)
            {
                Append(" WHERE ");
                Expr(where);
            }
            if (s.GroupBy.Count > 0)
            {
                Append(" GROUP BY ");
                List(s.GroupBy, Grouping);
            }
            if (s.Having is { } having)
            {
                Append(" HAVING ");
                Expr(having);
            }
            if (s.Windows.Count > 0)
            {
                Append(" WINDOW ");
                List(s.Windows, w =>
                {
                    self.Append(Quote(w.Name) + " AS ");
                    self.Window(w.Spec);
                });
            }
        }

        private void Grouping(GroupingElement g)
        {
            switch (g)
            {
                case ExprGrouping e:
                    Expr(e.Expr);
                    break;
                case EmptyGrouping:
                    Append("()");
                    break;
                case RollupGrouping r:
                    Append("ROLLUP (");
                    GroupingLists(r.Elements);
                    Append(")");
                    break;
                case CubeGrouping c:
                    Append("CUBE (");
                    GroupingLists(c.Elements);
                    Append(")");
                    break;
                case GroupingSetsGrouping sets:
                    Append("GROUPING SETS (");
                    List(sets.Sets, Grouping);
                    Append(")");
                    break;
            }
        }

        private void GroupingLists(IReadOnlyList<IReadOnlyList<Expr>> elements)
        {
            var self = this;
            List(elements, list =>
            {
                self.Append("(");
                self.List(list, self.Expr);
                self.Append(")");
            });
        }

        private void OrderItems(IReadOnlyList<OrderItem> items)
        {
            var self = this;
            List(items, o =>
            {
                self.Expr(o.Expr);
                self.Append(o.Descending ? " DESC" : " ASC");
                if (o.NullsFirst is { } first)
                {
                    self.Append(first ? " NULLS FIRST" : " NULLS LAST");
                }
            });
        }

        // ------------------------------------------------------------ FROM items

        public void Table(TableRef t)
        {
            switch (t)
            {
                case NamedTableRef n:
                    Name(n.Name);
                    Alias(n.Alias);
                    break;
                case SubqueryTableRef s:
                    Append(s.Lateral ? "LATERAL (" : "(");
                    Query(s.Query);
                    Append(")");
                    Alias(s.Alias);
                    break;
                case FunctionTableRef f:
                    Expr(f.Call);
                    Alias(f.Alias);
                    break;
                case JoinTableRef j:
                    Append("(");
                    Table(j.Left);
                    Append(j.Natural ? " NATURAL " : " ");
                    Append(j.Kind switch
                    {
                        JoinKind.Inner => "JOIN ",
                        JoinKind.Left => "LEFT JOIN ",
                        JoinKind.Right => "RIGHT JOIN ",
                        JoinKind.Full => "FULL JOIN ",
                        _ => "CROSS JOIN ",
                    });
                    Table(j.Right);
                    if (j.On is { } on)
                    {
                        Append(" ON ");
                        Expr(on);
                    }
                    else if (j.Using is { } columns)
                    {
                        Append(" USING ");
                        Names(columns);
                    }
                    Append(")");
                    Alias(j.Alias);
                    break;
            }
        }

        private void Alias(TableAlias? alias)
        {
            if (alias is null)
            {
                return;
            }
            Append(" AS " + Quote(alias.Name));
            if (alias.Columns is { } columns)
            {
                Append(" ");
                Names(columns);
            }
        }

        // ------------------------------------------------------------ expressions

        public void Expr(Expr e)
        {
            switch (e)
            {
                case NullLiteral:
                    Append("NULL");
                    break;
                case BooleanLiteral b:
                    Append(b.Value ? "TRUE" : "FALSE");
                    break;
                case IntegerLiteral i:
                    Append(i.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case NumericLiteral n:
                    Append(n.Text);
                    break;
                case FloatLiteral f:
                    string text = f.Value.ToString("R", CultureInfo.InvariantCulture);
                    Append(text.Contains('E', StringComparison.Ordinal) ? text : text + "E0");
                    break;
                case StringLiteral s:
                    Append(QuoteString(s.Value));
                    break;
                case TypedLiteral t:
                    Append(PrintType(t.Type) + " " + QuoteString(t.Text));
                    break;
                case IntervalLiteral iv:
                    Append(string.Create(CultureInfo.InvariantCulture,
                        $"INTERVAL '{iv.Value.Months} months {iv.Value.Days} days {iv.Value.Micros} microseconds'"));
                    break;
                case ParameterRef p:
                    Append("$" + p.Index.ToString(CultureInfo.InvariantCulture));
                    break;
                case DefaultValueExpr:
                    Append("DEFAULT");
                    break;
                case ColumnRef c:
                    Dotted(c.Parts);
                    break;
                case UnaryExpr u:
                    Append(u.Operator switch { UnaryOperator.Not => "(NOT ", UnaryOperator.Negate => "(- ", _ => "(+ " });
                    Expr(u.Operand);
                    Append(")");
                    break;
                case BinaryExpr b:
                    Append("(");
                    Expr(b.Left);
                    Append(" " + b.Operator.Symbol().ToUpperInvariant() + " ");
                    Expr(b.Right);
                    Append(")");
                    break;
                case IsNullExpr n:
                    Append("(");
                    Expr(n.Operand);
                    Append(n.Negated ? " IS NOT NULL)" : " IS NULL)");
                    break;
                case IsTruthExpr t:
                    Append("(");
                    Expr(t.Operand);
                    Append(t.Negated ? " IS NOT " : " IS ");
                    Append(t.Value switch { TruthValue.True => "TRUE)", TruthValue.False => "FALSE)", _ => "UNKNOWN)" });
                    break;
                case IsDistinctFromExpr d:
                    Append("(");
                    Expr(d.Left);
                    Append(d.Negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
                    Expr(d.Right);
                    Append(")");
                    break;
                case BetweenExpr b:
                    Append("(");
                    Expr(b.Operand);
                    Append(b.Negated ? " NOT BETWEEN " : " BETWEEN ");
                    Append(b.Symmetric ? "SYMMETRIC " : "");
                    Expr(b.Low);
                    Append(" AND ");
                    Expr(b.High);
                    Append(")");
                    break;
                case InListExpr i:
                    Append("(");
                    Expr(i.Operand);
                    Append(i.Negated ? " NOT IN (" : " IN (");
                    List(i.Items, Expr);
                    Append("))");
                    break;
                case InSubqueryExpr i:
                    Append("(");
                    Expr(i.Operand);
                    Append(i.Negated ? " NOT IN (" : " IN (");
                    Query(i.Subquery);
                    Append("))");
                    break;
                case LikeExpr l:
                    Append("(");
                    Expr(l.Operand);
                    Append(l.Negated ? " NOT " : " ");
                    Append(l.Kind switch { LikeKind.Like => "LIKE ", LikeKind.ILike => "ILIKE ", _ => "SIMILAR TO " });
                    Expr(l.Pattern);
                    if (l.Escape is { } escape)
                    {
                        Append(" ESCAPE ");
                        Expr(escape);
                    }
                    Append(")");
                    break;
                case ExistsExpr x:
                    Append("EXISTS (");
                    Query(x.Subquery);
                    Append(")");
                    break;
                case ScalarSubqueryExpr s:
                    Append("(");
                    Query(s.Subquery);
                    Append(")");
                    break;
                case QuantifiedComparisonExpr q:
                    Append("(");
                    Expr(q.Left);
                    Append(" " + q.Operator.Symbol() + (q.Quantifier == Quantifier.All ? " ALL (" : " ANY ("));
                    Query(q.Subquery);
                    Append("))");
                    break;
                case CaseExpr c:
                    Append("CASE");
                    if (c.Operand is { } operand)
                    {
                        Append(" ");
                        Expr(operand);
                    }
                    foreach (WhenClause w in c.Whens)
                    {
                        Append(" WHEN ");
                        Expr(w.Condition);
                        Append(" THEN ");
                        Expr(w.Result);
                    }
                    if (c.Else is { } otherwise)
                    {
                        Append(" ELSE ");
                        Expr(otherwise);
                    }
                    Append(" END");
                    break;
                case CastExpr c:
                    Append("CAST(");
                    Expr(c.Operand);
                    Append(" AS " + PrintType(c.Type) + ")");
                    break;
                case CatalogCastExpr c:
                    Append("CAST(");
                    Expr(c.Operand);
                    Append(" AS " + c.Type switch
                    {
                        CatalogType.Oid => "oid",
                        CatalogType.RegClass => "regclass",
                        CatalogType.RegType => "regtype",
                        CatalogType.RegProc => "regproc",
                        CatalogType.RegNamespace => "regnamespace",
                        CatalogType.RegRole => "regrole",
                        CatalogType.Name => "name",
                        CatalogType.Char1 => "\"char\"",
                        CatalogType.Xid => "xid",
                        _ => "text[]",
                    } + ")");
                    break;
                case ArraySubqueryExpr a:
                    Append("ARRAY(");
                    Query(a.Subquery);
                    Append(")");
                    break;
                case ArrayConstructorExpr a:
                    Append("ARRAY[");
                    List(a.Items, Expr);
                    Append("]");
                    break;
                case ArraySubscriptExpr a:
                    Append("(");
                    Expr(a.Array);
                    Append(")[");
                    Expr(a.Index);
                    Append("]");
                    break;
                case FieldSelectExpr f:
                    Append("(");
                    Expr(f.Operand);
                    Append(")." + Quote(f.Field));
                    break;
                case ArrayComparisonExpr a:
                    Append("(");
                    Expr(a.Left);
                    Append(" " + a.Operator.Symbol() + (a.Quantifier == Quantifier.All ? " ALL (" : " ANY ("));
                    Expr(a.Array);
                    Append("))");
                    break;
                case AtTimeZoneExpr a:
                    Append("(");
                    Expr(a.Operand);
                    Append(" AT TIME ZONE ");
                    Expr(a.Zone);
                    Append(")");
                    break;
                case RowExpr r:
                    Append("ROW(");
                    List(r.Items, Expr);
                    Append(")");
                    break;
                case ExtractExpr x:
                    Append("EXTRACT(" + QuoteString(x.Field) + " FROM ");
                    Expr(x.Source);
                    Append(")");
                    break;
                case CurrentValueExpr c:
                    Append(c.Kind switch
                    {
                        CurrentValueKind.CurrentDate => "CURRENT_DATE",
                        CurrentValueKind.CurrentTime => "CURRENT_TIME",
                        CurrentValueKind.CurrentTimestamp => "CURRENT_TIMESTAMP",
                        CurrentValueKind.LocalTime => "LOCALTIME",
                        CurrentValueKind.LocalTimestamp => "LOCALTIMESTAMP",
                        CurrentValueKind.SysDate => "SYSDATE",
                        CurrentValueKind.CurrentUser => "CURRENT_USER",
                        CurrentValueKind.SessionUser => "SESSION_USER",
                        CurrentValueKind.User => "USER",
                        CurrentValueKind.CurrentSchema => "CURRENT_SCHEMA",
                        _ => "CURRENT_CATALOG",
                    });
                    break;
                case FunctionCall f:
                    Call(f);
                    break;
                default:
                    throw new InvalidOperationException($"unknown expression node {e.GetType().Name}");
            }
        }

        private void Call(FunctionCall f)
        {
            if (f.Schema is not null)
            {
                Append(Quote(f.Schema) + ".");
            }
            Append(Quote(f.Name) + "(");
            if (f.Star)
            {
                Append("*");
            }
            else
            {
                Append(f.Distinct ? "DISTINCT " : "");
                List(f.Arguments, Expr);
                if (f.ArgumentOrderBy is { Count: > 0 } order)
                {
                    Append(" ORDER BY ");
                    OrderItems(order);
                }
            }
            Append(")");
            if (f.WithinGroup is { Count: > 0 } within)
            {
                Append(" WITHIN GROUP (ORDER BY ");
                OrderItems(within);
                Append(")");
            }
            if (f.Filter is { } filter)
            {
                Append(" FILTER (WHERE ");
                Expr(filter);
                Append(")");
            }
            Append(f.Nulls switch { NullTreatment.IgnoreNulls => " IGNORE NULLS", NullTreatment.RespectNulls => " RESPECT NULLS", _ => "" });
            if (f.Over is { } over)
            {
                Append(" OVER ");
                Window(over);
            }
        }

        private void Window(WindowSpec w)
        {
            Append("(");
            string separator = "";
            if (w.BaseWindow is not null)
            {
                Append(Quote(w.BaseWindow));
                separator = " ";
            }
            if (w.PartitionBy.Count > 0)
            {
                Append(separator + "PARTITION BY ");
                List(w.PartitionBy, Expr);
                separator = " ";
            }
            if (w.OrderBy.Count > 0)
            {
                Append(separator + "ORDER BY ");
                OrderItems(w.OrderBy);
                separator = " ";
            }
            if (w.Frame is { } frame)
            {
                Append(separator + frame.Unit.ToString().ToUpperInvariant() + " BETWEEN ");
                Bound(frame.Start);
                Append(" AND ");
                Bound(frame.End);
                Append(frame.Exclusion switch
                {
                    FrameExclusion.CurrentRow => " EXCLUDE CURRENT ROW",
                    FrameExclusion.Group => " EXCLUDE GROUP",
                    FrameExclusion.Ties => " EXCLUDE TIES",
                    _ => "",
                });
            }
            Append(")");
        }

        private void Bound(FrameBound b)
        {
            switch (b.Kind)
            {
                case FrameBoundKind.UnboundedPreceding:
                    Append("UNBOUNDED PRECEDING");
                    break;
                case FrameBoundKind.UnboundedFollowing:
                    Append("UNBOUNDED FOLLOWING");
                    break;
                case FrameBoundKind.CurrentRow:
                    Append("CURRENT ROW");
                    break;
                default:
                    Expr(b.Offset!);
                    Append(b.Kind == FrameBoundKind.Preceding ? " PRECEDING" : " FOLLOWING");
                    break;
            }
        }
    }
}
