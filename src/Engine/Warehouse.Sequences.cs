using ActorWarehouse.Engine.Sequences;

namespace ActorWarehouse.Engine;

public sealed partial class Warehouse
{
    /// <summary>Live sequence positions shared by all sessions (persisted into the catalog after each statement that moves them).</summary>
    internal SequenceCounters Sequences { get; } = new();
}
