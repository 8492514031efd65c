using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>The || operator (strict: NULL if either side is NULL) and variadic concat() (NULL arguments ignored).</summary>
internal static class StringConcat
{
    private struct Concat : IBinaryOp<string, string, string>
    {
        public static string Apply(string a, string b) => string.Concat(a, b);
    }

    public static ScalarKernel Operator { get; } = (args, rows, _) => KernelTemplates.Binary<string, string, string, Concat>(args, rows, SqlType.Text);

    public static ScalarKernel Variadic { get; } = (args, rows, _) =>
    {
        var result = new string[rows];
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < rows; i++)
        {
            builder.Clear();
            foreach (var arg in args)
            {
                int r = Broadcast.IsConstant(arg, rows) ? 0 : i;
                if (!arg.IsNull(r)) builder.Append(((ColumnVector<string>)arg).Values[r]);
            }
            result[i] = builder.ToString();
        }
        return new ColumnVector<string>(SqlType.Text, result, rows);
    };
}
