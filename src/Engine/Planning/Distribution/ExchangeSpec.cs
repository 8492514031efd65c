using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>
/// What one exchange between two plan fragments carries, handed to <see cref="IExchangeFactory.Open"/>.
/// </summary>
/// <param name="Id">The exchange's number in its plan (fragment edges are numbered depth-first from the root).</param>
/// <param name="Kind">Gather, broadcast or redistribution.</param>
/// <param name="Producers">How many senders call <see cref="IExchange.Complete"/>.</param>
/// <param name="Consumers">How many receivers: 1 for a gather, one per node for a broadcast, one per slice for a redistribution.</param>
/// <param name="Types">Column types of every batch (the schema a network transport announces once).</param>
/// <param name="KeyColumns">Redistribution key column ordinals (empty otherwise).</param>
/// <param name="Buffered">
/// True when every producer finishes before any consumer starts (a hash join's inputs), so the exchange must hold
/// everything sent; false for a streaming gather, where a full consumer queue makes producers wait.
/// </param>
public sealed record ExchangeSpec(int Id, ExchangeKind Kind, int Producers, int Consumers, IReadOnlyList<SqlType> Types,
    IReadOnlyList<int> KeyColumns, bool Buffered);
