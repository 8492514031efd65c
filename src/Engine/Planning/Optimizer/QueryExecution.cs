using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Physical;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>The hand-off to the executor: an optimized logical plan to physical operators, run to completion.</summary>
internal static class QueryExecution
{
    public static IReadOnlyList<Batch> Run(LogicalPlan plan, FunctionContext functions, Warehouse warehouse, CancellationToken ct)
    {
        var physical = PhysicalPlanner.Plan(plan, warehouse.PhysicalPlanning);
        var context = new QueryContext(ct, maxDegreeOfParallelism: warehouse.MaxDegreeOfParallelism) { Functions = functions, Exchanges = warehouse.Exchanges };
        return physical.Execute(context);
    }

    /// <summary>Runs a compiled (possibly cached) plan with the values of its <c>$n</c> parameters.</summary>
    public static IReadOnlyList<Batch> Run(PhysicalPlan plan, FunctionContext functions, Warehouse warehouse, IReadOnlyList<object?> parameters, CancellationToken ct)
    {
        var context = new QueryContext(ct, maxDegreeOfParallelism: warehouse.MaxDegreeOfParallelism)
        {
            Functions = functions,
            Exchanges = warehouse.Exchanges,
            Parameters = parameters,
        };
        return plan.Execute(context);
    }

    public static IReadOnlyList<string> Explain(LogicalPlan plan, Warehouse warehouse) => PhysicalPlanner.Plan(plan, warehouse.PhysicalPlanning).Explain();
}
