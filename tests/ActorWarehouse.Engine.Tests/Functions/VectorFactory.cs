using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Functions;

/// <summary>Builds small vectors from nullable values for kernel tests.</summary>
internal static class VectorFactory
{
    public static ColumnVector<T> Of<T>(SqlType type, params T?[] values) where T : struct
    {
        var array = new T[values.Length];
        ValidityBitmap? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v) { array[i] = v; continue; }
            validity ??= new ValidityBitmap(values.Length);
            validity.SetNull(i);
        }
        return new ColumnVector<T>(type, array, values.Length, validity);
    }

    public static StringVector Strings(SqlType type, params string?[] values)
    {
        var array = new string[values.Length];
        ValidityBitmap? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v) { array[i] = v; continue; }
            validity ??= new ValidityBitmap(values.Length);
            validity.SetNull(i);
        }
        return StringVector.FromStrings(type, array, validity);
    }

    public static ColumnVector Ints(params int?[] values) => Of(SqlType.Integer, values);

    /// <summary>Parses each text as <paramref name="type"/> (null stays NULL).</summary>
    public static ColumnVector Parsed(SqlType type, params string?[] texts) =>
        Casts.Cast(Strings(SqlType.Text, texts), type, isExplicit: true);

    /// <summary>Each row in PostgreSQL text output, "NULL" for NULL.</summary>
    public static string[] Texts(ColumnVector vector)
    {
        var result = new string[vector.Length];
        for (int i = 0; i < vector.Length; i++) result[i] = ValueFormatter.Format(vector, i) ?? "NULL";
        return result;
    }

    public static FunctionContext Context { get; } = new(
        (new DateTime(2024, 3, 15, 10, 30, 45, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10, TimeZoneInfo.Utc, new Random(7));

    /// <summary>Resolves <paramref name="name"/> for the vectors' types, casts them and runs the kernel.</summary>
    public static ColumnVector Call(string name, params ColumnVector[] args)
    {
        var resolved = FunctionRegistry.ResolveScalar(name, args.Select(a => a.Type).ToArray());
        var cast = new ColumnVector[args.Length];
        for (int i = 0; i < args.Length; i++) cast[i] = Casts.Cast(args[i], resolved.ParameterTypes[i], isExplicit: false);
        int rows = args.Length == 0 ? 1 : args.Max(a => a.Length);
        return resolved.Kernel(cast, rows, Context);
    }

    /// <summary>Calls a function and returns its rows as PostgreSQL text.</summary>
    public static string[] CallText(string name, params ColumnVector[] args) => Texts(Call(name, args));

    /// <summary>A single-row literal: text parsed as <paramref name="type"/>, or an untyped literal when type is Unknown.</summary>
    public static ColumnVector Literal(string? text, SqlType type) =>
        type.Id == TypeId.Unknown ? Strings(SqlType.Unknown, text) : Parsed(type, text);
}
