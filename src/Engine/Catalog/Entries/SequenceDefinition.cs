namespace ActorWarehouse.Engine.Catalog.Entries;

/// <summary>
/// A sequence's definition (CREATE SEQUENCE options after PostgreSQL defaults are applied). Its current value is
/// not part of the definition: it lives in <see cref="SequenceValue"/>, written outside user transactions.
/// </summary>
public sealed record SequenceDefinition(long Id, string Schema, string Name, long Increment, long MinValue, long MaxValue,
    long Start, long Cache, bool Cycle)
{
    public string QualifiedName => $"{Schema}.{Name}";
}

/// <summary>
/// The last value a sequence handed out (<paramref name="IsCalled"/> false: <paramref name="LastValue"/> is the next
/// one to hand out, as after CREATE or setval(..., false)). Keyed by sequence id in the catalog.
/// </summary>
public sealed record SequenceValue(long LastValue, bool IsCalled);
