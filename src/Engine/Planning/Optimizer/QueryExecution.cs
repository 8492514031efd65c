using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>The hand-off to the executor: an optimized logical plan to physical operators, run to completion.</summary>
internal static class QueryExecution
{
    public static IReadOnlyList<Batch> Run(LogicalPlan plan, FunctionContext functions, int? parallelism, CancellationToken ct) =>
        throw new SqlException(SqlState.FeatureNotSupported, "query execution is not available in this build yet");

    public static IReadOnlyList<string> Explain(LogicalPlan plan) => LogicalPlans.Render(plan).TrimEnd('\n').Split('\n');
}
