namespace ActorWarehouse.Engine.Storage;

/// <summary>Decides from zone maps whether a row group may contain rows satisfying a <see cref="ZonePredicate"/>.</summary>
public sealed class ZonePruner
{
    private readonly (int Column, ZoneOp Op, ZoneValue Value, ZoneKind Kind, bool NullConstant)[] _terms;

    public ZonePruner(ZonePredicate predicate, TableLayout layout)
    {
        var terms = new List<(int, ZoneOp, ZoneValue, ZoneKind, bool)>(predicate.Terms.Count);
        foreach (var term in predicate.Terms)
        {
            var type = layout.ColumnType(term.ColumnOrdinal);
            bool needsConstant = term.Op is not (ZoneOp.IsNull or ZoneOp.IsNotNull);
            bool nullConstant = needsConstant && term.Constant is null;
            // A constant not in the column's physical representation cannot be compared safely: the term is
            // ignored (it prunes nothing) rather than risk skipping a row group that matches.
            if (needsConstant && term.Constant is not null && term.Constant.GetType() != Columnar.ColumnVector.PhysicalType(type)) continue;
            var value = needsConstant && term.Constant is not null ? ZoneValue.FromPhysical(term.Constant, type) : default;
            terms.Add((term.ColumnOrdinal, term.Op, value, ZoneValue.KindOf(type), nullConstant));
        }
        _terms = terms.ToArray();
    }

    public bool MayMatch(RowGroup group)
    {
        foreach (var (column, op, value, kind, nullConstant) in _terms)
        {
            if (nullConstant) return false;
            if (column >= group.Blocks.Count)
            {
                // Column added after this row group was written: every value is NULL here.
                if (op != ZoneOp.IsNull) return false;
                continue;
            }
            if (!MayMatch(group.Blocks[column].Zone, op, value, kind)) return false;
        }
        return true;
    }

    private static bool MayMatch(ZoneMap zone, ZoneOp op, in ZoneValue value, ZoneKind kind)
    {
        switch (op)
        {
            case ZoneOp.IsNull: return zone.NullCount > 0;
            case ZoneOp.IsNotNull: return zone.NullCount < zone.RowCount;
        }
        if (!zone.HasRange) return false; // only NULLs: a comparison is never true
        int vsMin = ZoneValue.Compare(value, zone.Min, kind);
        int vsMax = zone.MaxUnbounded ? -1 : ZoneValue.Compare(value, zone.Max, kind);
        return op switch
        {
            ZoneOp.Equal => vsMin >= 0 && vsMax <= 0,
            ZoneOp.NotEqual => !(vsMin == 0 && vsMax == 0 && !zone.MaxUnbounded),
            ZoneOp.Less => vsMin > 0,           // some value < constant needs min < constant
            ZoneOp.LessOrEqual => vsMin >= 0,
            ZoneOp.Greater => vsMax < 0,        // needs max > constant
            ZoneOp.GreaterOrEqual => vsMax <= 0,
            _ => true,
        };
    }
}
