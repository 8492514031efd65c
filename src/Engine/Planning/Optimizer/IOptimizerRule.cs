using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>One rewrite of logical plans that keeps results identical. Rules are named so they can be switched off.</summary>
public interface IOptimizerRule
{
    string Name { get; }

    LogicalPlan Apply(LogicalPlan plan);
}
