using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// LIKE / ILIKE kernels. A constant pattern (and escape) is compiled once and reused by every batch;
/// per-row patterns are compiled per distinct value seen in a row.
/// </summary>
internal static class LikeKernels
{
    public static ScalarKernel Create(bool ignoreCase)
    {
        // Cache of the last compiled constant pattern; replaced atomically, safe across threads.
        Tuple<string, string?, LikePattern>? cached = null;
        return StringFormAdapters.OnStringVectors((args, rows, _) =>
        {
            if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(SqlType.Boolean, rows);
            var values = (StringVector)args[0];
            var patterns = (StringVector)args[1];
            var escapes = args.Length > 2 ? (StringVector)args[2] : null;
            bool constantPattern = Broadcast.IsConstant(patterns, rows) && (escapes is null || Broadcast.IsConstant(escapes, rows));
            var validity = Broadcast.CombineValidity(args, rows);
            var result = new bool[rows];
            bool valuesConstant = Broadcast.IsConstant(values, rows);
            if (constantPattern)
            {
                string pattern = patterns.GetString(0);
                string? escape = escapes is null ? "\\" : escapes.GetString(0);
                var entry = cached;
                if (entry is null || entry.Item1 != pattern || entry.Item2 != escape)
                {
                    entry = new Tuple<string, string?, LikePattern>(pattern, escape, new LikePattern(pattern, ignoreCase, escape));
                    cached = entry;
                }
                var matcher = entry.Item3;
                for (int i = 0; i < rows; i++)
                {
                    if (validity is not null && !validity.IsValid(i)) continue;
                    result[i] = matcher.IsMatch(values.GetBytes(valuesConstant ? 0 : i));
                }
                return new ColumnVector<bool>(SqlType.Boolean, result, rows, validity);
            }
            LikePattern? last = null;
            string? lastPattern = null, lastEscape = null;
            for (int i = 0; i < rows; i++)
            {
                if (validity is not null && !validity.IsValid(i)) continue;
                string pattern = patterns.GetString(Broadcast.IsConstant(patterns, rows) ? 0 : i);
                string escape = escapes is null ? "\\" : escapes.GetString(Broadcast.IsConstant(escapes, rows) ? 0 : i);
                if (last is null || pattern != lastPattern || escape != lastEscape)
                {
                    last = new LikePattern(pattern, ignoreCase, escape);
                    lastPattern = pattern;
                    lastEscape = escape;
                }
                result[i] = last.IsMatch(values.GetBytes(valuesConstant ? 0 : i));
            }
            return new ColumnVector<bool>(SqlType.Boolean, result, rows, validity);
        });
    }
}
