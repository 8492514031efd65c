namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>INTERNAL API: how regions and shards read a message — built-in wrappers first, then the user's extractor.</summary>
internal static class EntityMessages
{
    public static string? EntityId(IMessageExtractor extractor, object message) => message switch
    {
        ShardingEnvelope e => e.EntityId,
        ShardRegion.StartEntity s => s.EntityId,
        _ => extractor.EntityId(message),
    };

    public static object? Payload(IMessageExtractor extractor, object message) => message switch
    {
        ShardingEnvelope e => e.Message,
        _ => extractor.EntityMessage(message),
    };

    /// <summary>Actor name of an entity or shard: its id URL-escaped (so any id is a valid, unique name).</summary>
    public static string ActorName(string id) => Uri.EscapeDataString(id);
}
