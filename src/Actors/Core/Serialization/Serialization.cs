using System.Collections.Concurrent;
using System.Runtime.Serialization;

namespace ActorWarehouse.Actors.Serialization;

/// <summary>
/// The serializer registry of one actor system: serializers by id, and bindings from types to serializers (the
/// most specific binding wins: exact type, then base classes, then interfaces). Lookups are cached per type.
/// </summary>
public sealed class Serialization
{
    private readonly ConcurrentDictionary<int, Serializer> _byId = new();
    private readonly ConcurrentDictionary<Type, Serializer> _bindings = new();
    private readonly ConcurrentDictionary<Type, Serializer> _resolved = new();

    internal Serialization(ActorSystem system)
    {
        System = system;
        var bytes = new ByteArraySerializer(system);
        var primitives = new PrimitiveSerializers(system);
        MessagePack = new MessagePackSerializer(system);
        AddSerializer(bytes);
        AddSerializer(primitives);
        AddSerializer(MessagePack);
        AddSerializationMap(typeof(byte[]), bytes);
        AddSerializationMap(typeof(string), primitives);
        AddSerializationMap(typeof(int), primitives);
        AddSerializationMap(typeof(long), primitives);
    }

    public ActorSystem System { get; }

    /// <summary>The default serializer (id 31): application types register hand-written formatters on it.</summary>
    public MessagePackSerializer MessagePack { get; }

    public void AddSerializer(Serializer serializer)
    {
        if (!_byId.TryAdd(serializer.Identifier, serializer) && !ReferenceEquals(_byId[serializer.Identifier], serializer))
            throw new ArgumentException($"serializer id {serializer.Identifier} is already taken by {_byId[serializer.Identifier].GetType().Name}");
    }

    public void AddSerializationMap(Type type, Serializer serializer)
    {
        AddSerializer(serializer);
        _bindings[type] = serializer;
        _resolved.Clear();
    }

    public Serializer? GetSerializerById(int id) => _byId.TryGetValue(id, out var s) ? s : null;

    public Serializer FindSerializerFor(object obj) => FindSerializerForType(obj.GetType());

    public Serializer FindSerializerForType(Type type) =>
        _resolved.TryGetValue(type, out var s) ? s : _resolved.GetOrAdd(type, Resolve(type));

    private Serializer Resolve(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (_bindings.TryGetValue(t, out var s)) return s;
        foreach (var i in type.GetInterfaces())
            if (_bindings.TryGetValue(i, out var s)) return s;
        if (MessagePack.CanSerialize(type)) return MessagePack;
        throw new SerializationException($"no serializer is bound to {type} (register a MessagePack formatter or a binding)");
    }

    public byte[] Serialize(object obj) => FindSerializerFor(obj).ToBinary(obj);

    /// <summary>Decodes with the serializer of that id; an unknown id means the peer has a module we lack.</summary>
    public object Deserialize(ReadOnlySpan<byte> bytes, int serializerId, string manifest)
    {
        var serializer = GetSerializerById(serializerId)
            ?? throw new SerializationException($"Cannot find serializer with id [{serializerId}]. The most probable reason is that the configuration entry 'akka.actor.serializers' is not in sync between the two systems.");
        return serializer.FromBinary(bytes, manifest);
    }
}
