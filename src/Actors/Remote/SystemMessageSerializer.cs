using System.Text;
using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Remote.Transport;
using ActorWarehouse.Actors.Serialization.MessagePack;

namespace ActorWarehouse.Actors.Remote;

/// <summary>
/// Id 22 (as upstream): the DeathWatch system messages that cross the wire, as MessagePack arrays with refs as
/// full paths: Watch [1, watchee, watcher], Unwatch [2, watchee, watcher], DeathWatchNotification
/// [3, actor, existenceConfirmed, addressTerminated]. Supervision never crosses the wire (no remote deployment).
/// </summary>
internal static class SystemMessageSerializer
{
    public const int SerializerId = 22;

    public static void Write(FrameBuffer output, SystemMessage message)
    {
        var w = new MessagePackWriter(output);
        switch (message)
        {
            case Watch watch:
                w.WriteArrayHeader(3);
                w.Write(1);
                w.Write(watch.Watchee.Path.ToSerializationFormat());
                w.Write(watch.Watcher.Path.ToSerializationFormat());
                break;
            case Unwatch unwatch:
                w.WriteArrayHeader(3);
                w.Write(2);
                w.Write(unwatch.Watchee.Path.ToSerializationFormat());
                w.Write(unwatch.Watcher.Path.ToSerializationFormat());
                break;
            case DeathWatchNotification d:
                w.WriteArrayHeader(4);
                w.Write(3);
                w.Write(d.Actor.Path.ToSerializationFormat());
                w.Write(d.ExistenceConfirmed);
                w.Write(d.AddressTerminated);
                break;
            default:
                throw new NotSupportedException($"{message.GetType().Name} does not cross the wire");
        }
    }

    public readonly record struct Decoded(int Kind, string First, string Second, bool ExistenceConfirmed, bool AddressTerminated);

    public static Decoded Read(ReadOnlySpan<byte> payload)
    {
        var r = new MessagePackReader(payload);
        int count = r.ReadArrayHeader();
        int kind = r.ReadInt32();
        var first = r.ReadString() ?? "";
        if (kind == 3 && count == 4) return new Decoded(3, first, "", r.ReadBoolean(), r.ReadBoolean());
        if (kind is 1 or 2 && count == 3) return new Decoded(kind, first, r.ReadString() ?? "", false, false);
        throw new MessagePackSerializationException($"unknown system message kind {kind}");
    }
}

/// <summary>An ActorSelection delivery to another system: the path elements and the message (id 6 container).</summary>
internal sealed record SelectionEnvelope(IReadOnlyList<string> Elements, object Message);

internal sealed class SelectionEnvelopeFormatter : Serialization.IMessagePackFormatter<SelectionEnvelope>
{
    public void Serialize(ref MessagePackWriter writer, SelectionEnvelope value, ActorSystem system)
    {
        var serialization = system.Serialization;
        var serializer = serialization.FindSerializerFor(value.Message);
        writer.WriteArrayHeader(4);
        writer.WriteArrayHeader(value.Elements.Count);
        foreach (var e in value.Elements) writer.Write(e);
        writer.Write(serializer.Identifier);
        writer.Write(serializer.ManifestFor(value.Message));
        writer.Write(serializer.ToBinary(value.Message));
    }

    public SelectionEnvelope Deserialize(ref MessagePackReader reader, ActorSystem system)
    {
        reader.ReadArrayHeader();
        int n = reader.ReadArrayHeader();
        var elements = new string[n];
        for (int i = 0; i < n; i++) elements[i] = reader.ReadString() ?? "";
        int id = reader.ReadInt32();
        var manifest = reader.ReadString() ?? "";
        var message = system.Serialization.Deserialize(reader.ReadBytesSpan(), id, manifest);
        return new SelectionEnvelope(elements, message);
    }
}

/// <summary>A stand-in for an actor that no longer exists here, so a death notification can still name it.</summary>
internal sealed class EmptyLocalActorRef(ActorPath path) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;
    public override void Tell(object message, IActorRef? sender) { }
}

internal static class Utf8
{
    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
