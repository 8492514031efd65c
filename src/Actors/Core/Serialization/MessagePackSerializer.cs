using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.Serialization;
using ActorWarehouse.Actors.Serialization.MessagePack;

namespace ActorWarehouse.Actors.Serialization;

/// <summary>A hand-written MessagePack encoding of one message type (no reflection).</summary>
public interface IMessagePackFormatter<T>
{
    void Serialize(ref MessagePackWriter writer, T value, ActorSystem system);
    T Deserialize(ref MessagePackReader reader, ActorSystem system);
}

/// <summary>
/// Id 31 (ours): the default serializer. Each registered type has a hand-written formatter and a short manifest
/// string; the manifest picks the formatter on the receiving side. Runtime messages come pre-registered.
/// </summary>
public sealed class MessagePackSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 31;

    private abstract class Entry(string manifest)
    {
        public readonly string Manifest = manifest;
        public abstract void Write(ref MessagePackWriter writer, object value, ActorSystem system);
        public abstract object Read(ref MessagePackReader reader, ActorSystem system);
    }

    private sealed class Entry<T>(string manifest, IMessagePackFormatter<T> formatter) : Entry(manifest) where T : notnull
    {
        public override void Write(ref MessagePackWriter writer, object value, ActorSystem system) => formatter.Serialize(ref writer, (T)value, system);
        public override object Read(ref MessagePackReader reader, ActorSystem system) => formatter.Deserialize(ref reader, system);
    }

    private readonly ConcurrentDictionary<Type, Entry> _byType = new();
    private readonly ConcurrentDictionary<string, Entry> _byManifest = new(StringComparer.Ordinal);

    public MessagePackSerializer(ActorSystem system) : base(system) => BuiltInFormatters.RegisterAll(this);

    public override int Identifier => SerializerId;

    /// <summary>Registers the formatter of <typeparamref name="T"/> under a manifest unique within this serializer.</summary>
    public void Register<T>(string manifest, IMessagePackFormatter<T> formatter) where T : notnull
    {
        var entry = new Entry<T>(manifest, formatter);
        if (!_byManifest.TryAdd(manifest, entry) && _byManifest[manifest] is not Entry<T>)
            throw new ArgumentException($"MessagePack manifest '{manifest}' is already registered for another type");
        _byType[typeof(T)] = entry;
    }

    public bool CanSerialize(Type type) => _byType.ContainsKey(type);

    private Entry EntryFor(object o) => _byType.TryGetValue(o.GetType(), out var e) ? e
        : throw new SerializationException($"no MessagePack formatter registered for {o.GetType()}");

    public override string Manifest(object o) => EntryFor(o).Manifest;

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        var writer = new MessagePackWriter(output);
        EntryFor(obj).Write(ref writer, obj, System);
    }

    public override byte[] ToBinary(object obj)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        ToBinary(obj, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest) => FromBinary(bytes.AsSpan(), manifest);

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (!_byManifest.TryGetValue(manifest, out var entry))
            throw new SerializationException($"unknown MessagePack manifest '{manifest}'");
        var reader = new MessagePackReader(bytes);
        return entry.Read(ref reader, System);
    }
}
