using ActorWarehouse.Engine.Functions.Resolution;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>Builds the catalog of every built-in function, operator and aggregate.</summary>
internal static class BuiltIns
{
    public static FunctionCatalog Create()
    {
        var catalog = new FunctionCatalog();
        ArithmeticOperators.Register(catalog);
        ComparisonOperators.Register(catalog);
        TextOperators.Register(catalog);
        MathFunctions.Register(catalog);
        TextFunctionRegistrations.Register(catalog);
        ConditionalFunctions.Register(catalog);
        DateTimeFunctions.Register(catalog);
        FormattingFunctions.Register(catalog);
        TimeZoneFunctions.Register(catalog);
        RedshiftExtras.Register(catalog);
        AggregateFunctions.Register(catalog);
        return catalog;
    }
}
