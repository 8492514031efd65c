using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Physical;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>The hand-off to the executor: an optimized logical plan to physical operators, run to completion.</summary>
internal static class QueryExecution
{
    public static IReadOnlyList<Batch> Run(LogicalPlan plan, FunctionContext functions, int? parallelism, CancellationToken ct)
    {
        var physical = PhysicalPlanner.Plan(plan);
        var context = new QueryContext(ct, maxDegreeOfParallelism: parallelism) { Functions = functions };
        return physical.Execute(context);
    }

    public static IReadOnlyList<string> Explain(LogicalPlan plan) => PhysicalPlanner.Plan(plan).Explain();
}
