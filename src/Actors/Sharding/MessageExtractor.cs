namespace ActorWarehouse.Actors.Sharding;

/// <summary>
/// Tells sharding which entity a message is for, what the entity receives, and which shard the entity lives in.
/// A null entity id means the message is not for any entity (dropped as unhandled).
/// </summary>
public interface IMessageExtractor
{
    string? EntityId(object message);

    object? EntityMessage(object message);

    string ShardId(string entityId, object? messageHint = null);
}

/// <summary>
/// Extractor with upstream's shard function: <c>abs(MurmurHash.StringHash(entityId)) % maxNumberOfShards</c> as a
/// decimal string. Unwraps <see cref="ShardingEnvelope"/> and maps <see cref="ShardRegion.StartEntity"/> by itself.
/// </summary>
public abstract class HashCodeMessageExtractor(int maxNumberOfShards) : IMessageExtractor
{
    public int MaxNumberOfShards { get; } = maxNumberOfShards > 0
        ? maxNumberOfShards
        : throw new ArgumentOutOfRangeException(nameof(maxNumberOfShards), "the number of shards must be positive");

    public abstract string? EntityId(object message);

    public virtual object? EntityMessage(object message) => message;

    public string ShardId(string entityId, object? messageHint = null) => ShardIdOf(entityId, MaxNumberOfShards);

    /// <summary>The shard of <paramref name="entityId"/> among <paramref name="maxNumberOfShards"/>.</summary>
    public static string ShardIdOf(string entityId, int maxNumberOfShards)
    {
        int hash = MurmurHash.StringHash(entityId);
        // Math.Abs(int.MinValue) overflows; its remainder is taken on the negative value instead.
        int shard = hash == int.MinValue ? -(hash % maxNumberOfShards) : Math.Abs(hash) % maxNumberOfShards;
        return shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An extractor from functions (entity id, and optionally the message the entity receives).</summary>
    public static HashCodeMessageExtractor Create(int maxNumberOfShards, Func<object, string?> entityId, Func<object, object?>? entityMessage = null) =>
        new Inline(maxNumberOfShards, entityId, entityMessage);

    private sealed class Inline(int maxNumberOfShards, Func<object, string?> entityId, Func<object, object?>? entityMessage)
        : HashCodeMessageExtractor(maxNumberOfShards)
    {
        public override string? EntityId(object message) => message switch
        {
            ShardingEnvelope e => e.EntityId,
            ShardRegion.StartEntity s => s.EntityId,
            _ => entityId(message),
        };

        public override object? EntityMessage(object message) => message switch
        {
            ShardingEnvelope e => e.Message,
            _ => entityMessage is null ? message : entityMessage(message),
        };
    }
}

/// <summary>Wraps any message with the id of the entity it is for; regions unwrap it before the entity sees it.</summary>
public sealed record ShardingEnvelope(string EntityId, object Message);

/// <summary>
/// Sent by an entity to its parent (the shard) to stop safely: the shard buffers later messages for it, sends
/// <see cref="StopMessage"/> back to it, and starts it again if messages arrived meanwhile.
/// </summary>
public sealed record Passivate(object StopMessage);
