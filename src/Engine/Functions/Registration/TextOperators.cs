using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>|| (any operand converted to text when the other is text), LIKE/ILIKE with optional ESCAPE, boolean NOT.</summary>
internal static class TextOperators
{
    private struct Not : IUnaryOp<bool, bool> { public static bool Apply(bool a) => !a; }

    public static void Register(FunctionCatalog catalog)
    {
        catalog.AddCustom("||", args =>
        {
            if (args.Count != 2) return null;
            bool textual = args[0].IsString || args[0].Id == TypeId.Unknown || args[1].IsString || args[1].Id == TypeId.Unknown;
            if (!textual) return null;
            return new ResolvedFunction("||", SqlType.Text, [SqlType.Text, SqlType.Text], StringConcat.Operator);
        });
        catalog.Add("like", [TypeId.Varchar, TypeId.Varchar], _ => Like("like", false, 2));
        catalog.Add("like", [TypeId.Varchar, TypeId.Varchar, TypeId.Varchar], _ => Like("like", false, 3));
        catalog.Add("ilike", [TypeId.Varchar, TypeId.Varchar], _ => Like("ilike", true, 2));
        catalog.Add("ilike", [TypeId.Varchar, TypeId.Varchar, TypeId.Varchar], _ => Like("ilike", true, 3));
        catalog.Add("not", [TypeId.Boolean], SqlType.Boolean, (args, rows, _) => KernelTemplates.Unary<bool, bool, Not>(args, rows, SqlType.Boolean));
    }

    /// <summary>A fresh kernel per resolution, so each call site caches its own compiled pattern.</summary>
    private static ResolvedFunction Like(string name, bool ignoreCase, int arity)
    {
        var parameters = new SqlType[arity];
        Array.Fill(parameters, SqlType.Text);
        return new ResolvedFunction(name, SqlType.Boolean, parameters, LikeKernels.Create(ignoreCase));
    }
}
