using System.Buffers;

namespace ActorWarehouse.Actors.Serialization;

/// <summary>
/// Turns messages into bytes and back. Each serializer has a numeric <see cref="Identifier"/> written next to
/// every payload; ids 0–100 are reserved for the runtime, application serializers use larger ones.
/// </summary>
public abstract class Serializer(ActorSystem system)
{
    protected ActorSystem System { get; } = system;

    public abstract int Identifier { get; }

    /// <summary>Whether a type manifest must travel with the bytes for <see cref="FromBinary(byte[], Type?)"/>.</summary>
    public abstract bool IncludeManifest { get; }

    public abstract byte[] ToBinary(object obj);

    public abstract object FromBinary(byte[] bytes, Type? type);

    /// <summary>Ours: writes into a caller's buffer (the transport's frame) instead of allocating an array.</summary>
    public virtual void ToBinary(object obj, IBufferWriter<byte> output) => output.Write(ToBinary(obj));

    /// <summary>Ours: the manifest written for <paramref name="obj"/> ("" when none).</summary>
    public virtual string ManifestFor(object obj) => IncludeManifest ? obj.GetType().AssemblyQualifiedName ?? "" : "";

    /// <summary>Ours: decodes from a span with the manifest the sender wrote.</summary>
    public virtual object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        Type? type = null;
        if (IncludeManifest && manifest.Length > 0)
            type = Type.GetType(manifest) ?? throw new System.Runtime.Serialization.SerializationException($"unknown manifest type '{manifest}'");
        return FromBinary(bytes.ToArray(), type);
    }
}

/// <summary>
/// A serializer that writes its own short manifest string per message type (the evolvable-schema choice).
/// An unknown manifest throws <see cref="System.Runtime.Serialization.SerializationException"/>.
/// </summary>
public abstract class SerializerWithStringManifest(ActorSystem system) : Serializer(system)
{
    public sealed override bool IncludeManifest => true;

    public abstract string Manifest(object o);

    public abstract object FromBinary(byte[] bytes, string manifest);

    public sealed override string ManifestFor(object obj) => Manifest(obj);

    public sealed override object FromBinary(byte[] bytes, Type? type) =>
        throw new NotSupportedException("a SerializerWithStringManifest needs its manifest string");

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => FromBinary(bytes.ToArray(), manifest);
}

/// <summary>Id 4: byte arrays as they are.</summary>
public sealed class ByteArraySerializer(ActorSystem system) : Serializer(system)
{
    public override int Identifier => 4;
    public override bool IncludeManifest => false;
    public override byte[] ToBinary(object obj) => (byte[])obj;
    public override object FromBinary(byte[] bytes, Type? type) => bytes;
    public override void ToBinary(object obj, IBufferWriter<byte> output) => output.Write((byte[])obj);
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => bytes.ToArray();
}

/// <summary>Id 17: string, int and long with manifests "S", "I", "L" (little-endian, UTF-8).</summary>
public sealed class PrimitiveSerializers(ActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 17;

    public override string Manifest(object o) => o switch
    {
        string => "S",
        int => "I",
        long => "L",
        _ => throw new System.Runtime.Serialization.SerializationException($"PrimitiveSerializers cannot handle {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        string s => global::System.Text.Encoding.UTF8.GetBytes(s),
        int i => BitConverter.GetBytes(i),
        long l => BitConverter.GetBytes(l),
        _ => throw new System.Runtime.Serialization.SerializationException($"PrimitiveSerializers cannot handle {obj.GetType()}"),
    };

    public override object FromBinary(byte[] bytes, string manifest) => FromBinary(bytes.AsSpan(), manifest);

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        switch (obj)
        {
            case int i:
                global::System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), i);
                output.Advance(4);
                break;
            case long l:
                global::System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), l);
                output.Advance(8);
                break;
            case string s:
                int n = global::System.Text.Encoding.UTF8.GetByteCount(s);
                global::System.Text.Encoding.UTF8.GetBytes(s, output.GetSpan(n));
                output.Advance(n);
                break;
            default:
                output.Write(ToBinary(obj));
                break;
        }
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => manifest switch
    {
        "S" => global::System.Text.Encoding.UTF8.GetString(bytes),
        "I" => global::System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes),
        "L" => global::System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes),
        _ => throw new System.Runtime.Serialization.SerializationException($"PrimitiveSerializers: unknown manifest '{manifest}'"),
    };
}
