using ActorWarehouse.Actors.Serialization.MessagePack;

namespace ActorWarehouse.Actors.Serialization;

/// <summary>A failure that happened in another process; carries the original exception's type name and message.</summary>
public sealed class RemoteFailureException(string originalType, string message) : Exception(message)
{
    public string OriginalType { get; } = originalType;
    public override string ToString() => $"{OriginalType}: {Message}";
}

/// <summary>Formatters for the runtime's own messages (Identify, PoisonPill, Status, ...).</summary>
internal static class BuiltInFormatters
{
    public static void RegisterAll(MessagePackSerializer s)
    {
        s.Register("Id", new IdentifyFormatter());
        s.Register("AId", new ActorIdentityFormatter());
        s.Register("PP", new SingletonFormatter<PoisonPill>(PoisonPill.Instance));
        s.Register("K", new SingletonFormatter<Kill>(Kill.Instance));
        s.Register("D", new SingletonFormatter<Done>(Done.Instance));
        s.Register("SS", new StatusSuccessFormatter());
        s.Register("SF", new StatusFailureFormatter());
        s.Register("b", new BoolFormatter());
        s.Register("d", new DoubleFormatter());
        s.Register("g", new GuidFormatter());
        s.Register("ts", new DateTimeFormatter());
        s.Register("o[]", new ObjectArrayFormatter());
    }

    private sealed class SingletonFormatter<T>(T instance) : IMessagePackFormatter<T> where T : class
    {
        public void Serialize(ref MessagePackWriter writer, T value, ActorSystem system) => writer.WriteNil();
        public T Deserialize(ref MessagePackReader reader, ActorSystem system) { reader.Skip(); return instance; }
    }

    private sealed class IdentifyFormatter : IMessagePackFormatter<Identify>
    {
        public void Serialize(ref MessagePackWriter writer, Identify value, ActorSystem system) =>
            MessagePackDynamic.Write(ref writer, value.MessageId, system);
        public Identify Deserialize(ref MessagePackReader reader, ActorSystem system) =>
            new(MessagePackDynamic.Read(ref reader, system));
    }

    private sealed class ActorIdentityFormatter : IMessagePackFormatter<ActorIdentity>
    {
        public void Serialize(ref MessagePackWriter writer, ActorIdentity value, ActorSystem system)
        {
            writer.WriteArrayHeader(2);
            MessagePackDynamic.Write(ref writer, value.MessageId, system);
            MessagePackDynamic.Write(ref writer, value.Subject, system);
        }

        public ActorIdentity Deserialize(ref MessagePackReader reader, ActorSystem system)
        {
            if (reader.ReadArrayHeader() != 2) throw new MessagePackSerializationException("ActorIdentity: expected 2 fields");
            var id = MessagePackDynamic.Read(ref reader, system);
            var subject = MessagePackDynamic.Read(ref reader, system) as IActorRef;
            return new ActorIdentity(id, subject);
        }
    }

    private sealed class StatusSuccessFormatter : IMessagePackFormatter<Status.Success>
    {
        public void Serialize(ref MessagePackWriter writer, Status.Success value, ActorSystem system) =>
            MessagePackDynamic.Write(ref writer, value.Status, system);
        public Status.Success Deserialize(ref MessagePackReader reader, ActorSystem system) =>
            new(MessagePackDynamic.Read(ref reader, system));
    }

    private sealed class StatusFailureFormatter : IMessagePackFormatter<Status.Failure>
    {
        public void Serialize(ref MessagePackWriter writer, Status.Failure value, ActorSystem system)
        {
            writer.WriteArrayHeader(3);
            writer.Write(value.Cause is RemoteFailureException r ? r.OriginalType : value.Cause.GetType().FullName);
            writer.Write(value.Cause.Message);
            MessagePackDynamic.Write(ref writer, value.State, system);
        }

        public Status.Failure Deserialize(ref MessagePackReader reader, ActorSystem system)
        {
            if (reader.ReadArrayHeader() != 3) throw new MessagePackSerializationException("Status.Failure: expected 3 fields");
            var type = reader.ReadString() ?? "System.Exception";
            var message = reader.ReadString() ?? "";
            var state = MessagePackDynamic.Read(ref reader, system);
            return new Status.Failure(new RemoteFailureException(type, message), state);
        }
    }

    private sealed class BoolFormatter : IMessagePackFormatter<bool>
    {
        public void Serialize(ref MessagePackWriter writer, bool value, ActorSystem system) => writer.Write(value);
        public bool Deserialize(ref MessagePackReader reader, ActorSystem system) => reader.ReadBoolean();
    }

    private sealed class DoubleFormatter : IMessagePackFormatter<double>
    {
        public void Serialize(ref MessagePackWriter writer, double value, ActorSystem system) => writer.Write(value);
        public double Deserialize(ref MessagePackReader reader, ActorSystem system) => reader.ReadDouble();
    }

    private sealed class GuidFormatter : IMessagePackFormatter<Guid>
    {
        public void Serialize(ref MessagePackWriter writer, Guid value, ActorSystem system)
        {
            Span<byte> bytes = stackalloc byte[16];
            value.TryWriteBytes(bytes, bigEndian: true, out _);
            writer.Write(bytes);
        }

        public Guid Deserialize(ref MessagePackReader reader, ActorSystem system) => new(reader.ReadBytesSpan(), bigEndian: true);
    }

    private sealed class DateTimeFormatter : IMessagePackFormatter<DateTime>
    {
        public void Serialize(ref MessagePackWriter writer, DateTime value, ActorSystem system) => writer.Write(value);
        public DateTime Deserialize(ref MessagePackReader reader, ActorSystem system) => reader.ReadDateTime();
    }

    private sealed class ObjectArrayFormatter : IMessagePackFormatter<object?[]>
    {
        public void Serialize(ref MessagePackWriter writer, object?[] value, ActorSystem system) =>
            MessagePackDynamic.Write(ref writer, value, system);
        public object?[] Deserialize(ref MessagePackReader reader, ActorSystem system) =>
            (object?[])MessagePackDynamic.Read(ref reader, system)!;
    }
}
