using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>to_char (timestamps, dates, numbers), to_date, to_timestamp(text, template), to_number.</summary>
internal static class FormattingFunctions
{
    private static readonly TypeId T = TypeId.Varchar;

    public static void Register(FunctionCatalog catalog)
    {
        foreach (var source in new[] { TypeId.Timestamp, TypeId.TimestampTz, TypeId.Date })
            catalog.Add("to_char", [source, T], types => new ResolvedFunction("to_char", SqlType.Text, [types[0], SqlType.Text], DateToChar()));
        catalog.Add("to_char", [TypeId.Decimal, T], types => new ResolvedFunction("to_char", SqlType.Text, [types[0], SqlType.Text], NumberToChar(types[0])));
        catalog.Add("to_char", [TypeId.Double, T], types => new ResolvedFunction("to_char", SqlType.Text, [SqlType.Double, SqlType.Text], DoubleToChar()));
        catalog.Add("to_char", [TypeId.Interval, T], types => new ResolvedFunction("to_char", SqlType.Text, [SqlType.Interval, SqlType.Text], IntervalToChar()));

        catalog.Add("to_date", [T, T], _ => new ResolvedFunction("to_date", SqlType.Date, [SqlType.Text, SqlType.Text], ToDate()));
        catalog.Add("to_timestamp", [T, T], _ => new ResolvedFunction("to_timestamp", SqlType.TimestampTz, [SqlType.Text, SqlType.Text], ToTimestamp()));
        catalog.AddWithConstants("to_number", [T, T], (_, constants) =>
        {
            int scale = constants is { Count: > 1 } && constants[1] is string pattern ? NumberFormat.Compile(pattern).FractionDigits : 6;
            var result = SqlType.Decimal(SqlType.MaxDecimalPrecision, scale);
            return new ResolvedFunction("to_number", result, [SqlType.Text, SqlType.Text], ToNumber(result));
        });
    }

    /// <summary>The call site's last compiled template, reused while the template text is the same.</summary>
    private sealed class TemplateCache<TFormat>(Func<string, TFormat> compile)
    {
        private Tuple<string, TFormat>? _last;

        public TFormat Get(string pattern)
        {
            var last = _last;
            if (last is not null && last.Item1 == pattern) return last.Item2;
            var compiled = compile(pattern);
            _last = new Tuple<string, TFormat>(pattern, compiled);
            return compiled;
        }
    }

    private static string Str(ColumnVector[] a, int k, int[] ix) => ((ColumnVector<string>)a[k]).Values[ix[k]];

    private static ScalarKernel DateToChar()
    {
        var cache = new TemplateCache<DateTimeFormat>(DateTimeFormat.Compile);
        return (args, rows, _) =>
        {
            var micros = DateTimeKernels.Micros(args[0]);
            return KernelTemplates.RowWise<string>(args, rows, SqlType.Text, (ColumnVector[] a, int[] ix, out string r) =>
            {
                r = cache.Get(Str(a, 1, ix)).Format(micros[ix[0]]);
                return true;
            });
        };
    }

    private static ScalarKernel IntervalToChar()
    {
        var cache = new TemplateCache<DateTimeFormat>(DateTimeFormat.Compile);
        return (args, rows, _) => KernelTemplates.RowWise<string>(args, rows, SqlType.Text, (ColumnVector[] a, int[] ix, out string r) =>
        {
            var v = ((ColumnVector<Interval>)a[0]).Values[ix[0]];
            // Months and days are shown through the calendar fields of 0001-01-01 + interval, as PostgreSQL does for HH24:MI:SS.
            r = cache.Get(Str(a, 1, ix)).Format(v.Micros + v.Days * Interval.MicrosPerDay);
            return true;
        });
    }

    private static ScalarKernel NumberToChar(SqlType type)
    {
        var cache = new TemplateCache<NumberFormat>(NumberFormat.Compile);
        return (args, rows, _) =>
        {
            var values = DecimalArithmetic.ToWide(args[0]);
            return KernelTemplates.RowWise<string>(args, rows, SqlType.Text, (ColumnVector[] a, int[] ix, out string r) =>
            {
                try { r = cache.Get(Str(a, 1, ix)).Format(values[ix[0]], type.Scale); }
                catch (OverflowException) { throw DataErrors.OutOfRange(type); }
                return true;
            });
        };
    }

    private static ScalarKernel DoubleToChar()
    {
        var cache = new TemplateCache<NumberFormat>(NumberFormat.Compile);
        return (args, rows, _) => KernelTemplates.RowWise<string>(args, rows, SqlType.Text, (ColumnVector[] a, int[] ix, out string r) =>
        {
            double value = ((ColumnVector<double>)a[0]).Values[ix[0]];
            var format = cache.Get(Str(a, 1, ix));
            if (double.IsNaN(value) || double.IsInfinity(value)) { r = ValueFormatter.FormatDouble(value); return true; }
            int scale = Math.Min(format.FractionDigits + 1, 30);
            var status = NumberParsing.TryParseDecimal(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), 38, scale, out Int128 unscaled);
            if (status != ParseStatus.Ok) throw DataErrors.OutOfRange(SqlType.Double);
            try { r = format.Format(unscaled, scale); }
            catch (OverflowException) { throw DataErrors.OutOfRange(SqlType.Double); }
            return true;
        });
    }

    private static ScalarKernel ToDate()
    {
        var cache = new TemplateCache<DateTimeFormat>(DateTimeFormat.Compile);
        return (args, rows, _) => KernelTemplates.RowWise<int>(args, rows, SqlType.Date, (ColumnVector[] a, int[] ix, out int r) =>
        {
            string text = Str(a, 0, ix);
            var format = cache.Get(Str(a, 1, ix));
            var status = format.TryParseDate(text, out r);
            if (status != ParseStatus.Ok) throw format.Error(status, text, SqlType.Date);
            return true;
        });
    }

    private static ScalarKernel ToTimestamp()
    {
        var cache = new TemplateCache<DateTimeFormat>(DateTimeFormat.Compile);
        return (args, rows, _) => KernelTemplates.RowWise<long>(args, rows, SqlType.TimestampTz, (ColumnVector[] a, int[] ix, out long r) =>
        {
            string text = Str(a, 0, ix);
            var format = cache.Get(Str(a, 1, ix));
            var status = format.TryParse(text, out r);
            if (status != ParseStatus.Ok) throw format.Error(status, text, SqlType.TimestampTz);
            return true;
        });
    }

    private static ScalarKernel ToNumber(SqlType result)
    {
        var cache = new TemplateCache<NumberFormat>(NumberFormat.Compile);
        return (args, rows, _) =>
        {
            var wide = KernelTemplates.RowWise<Int128>(args, rows, result, (ColumnVector[] a, int[] ix, out Int128 r) =>
            {
                string text = Str(a, 0, ix);
                var status = cache.Get(Str(a, 1, ix)).TryParse(text, result.Precision, result.Scale, out r);
                if (status != ParseStatus.Ok) throw ValueParser.Error(status, text, result);
                return true;
            });
            return wide;
        };
    }
}
