using System.Collections;
using System.Text;

namespace ActorWarehouse.Actors.Serialization.MessagePack;

/// <summary>
/// Untyped values ↔ MessagePack, for payloads whose shape is not known statically (interop, Identify ids):
/// null, bool, integers (long, or ulong above long.MaxValue), float/double, string, byte[], lists (as arrays),
/// dictionaries (as maps), DateTime (timestamp extension), actor refs/paths/addresses (our extensions) and
/// <see cref="MessagePackExtension"/>. Reading yields long/ulong, double (float32 as float), string, byte[],
/// object?[], Dictionary&lt;object, object?&gt;, DateTime and the ref types.
/// </summary>
public static class MessagePackDynamic
{
    public static void Write(ref MessagePackWriter writer, object? value, ActorSystem? system = null)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case bool b: writer.Write(b); break;
            case sbyte v: writer.Write(v); break;
            case byte v: writer.Write((ulong)v); break;
            case short v: writer.Write(v); break;
            case ushort v: writer.Write((ulong)v); break;
            case int v: writer.Write(v); break;
            case uint v: writer.Write((ulong)v); break;
            case long v: writer.Write(v); break;
            case ulong v: writer.Write(v); break;
            case float v: writer.Write(v); break;
            case double v: writer.Write(v); break;
            case string s: writer.Write(s); break;
            case byte[] bytes: writer.Write(bytes); break;
            case DateTime dt: writer.Write(dt); break;
            case DateTimeOffset dto: writer.Write(dto.UtcDateTime); break;
            case IActorRef r: WriteUtf8Extension(ref writer, MessagePackCode.ActorRefExtType, r.Path.ToSerializationFormat()); break;
            case ActorPath p: WriteUtf8Extension(ref writer, MessagePackCode.ActorPathExtType, p.ToSerializationFormat()); break;
            case Address a: WriteUtf8Extension(ref writer, MessagePackCode.AddressExtType, a.ToString()); break;
            case MessagePackExtension ext: writer.WriteExtension(ext.TypeCode, ext.Data); break;
            case IDictionary map:
                writer.WriteMapHeader(map.Count);
                foreach (DictionaryEntry e in map)
                {
                    Write(ref writer, e.Key, system);
                    Write(ref writer, e.Value, system);
                }
                break;
            case IList list:
                writer.WriteArrayHeader(list.Count);
                foreach (var item in list) Write(ref writer, item, system);
                break;
            default:
                throw new MessagePackSerializationException($"no MessagePack representation for {value.GetType()}");
        }
    }

    public static object? Read(ref MessagePackReader reader, ActorSystem? system = null)
    {
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
            {
                var probe = reader;
                if (probe.ReadByteForProbe() == MessagePackCode.UInt64)
                {
                    ulong u = reader.ReadUInt64();
                    return u > long.MaxValue ? u : (object)(long)u;
                }
                return reader.ReadInt64();
            }
            case MessagePackType.Float:
            {
                var probe = reader;
                return probe.ReadByteForProbe() == MessagePackCode.Float32 ? reader.ReadSingle() : reader.ReadDouble();
            }
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBytesSpan().ToArray();
            case MessagePackType.Array:
            {
                int n = reader.ReadArrayHeader();
                var items = new object?[n];
                for (int i = 0; i < n; i++) items[i] = Read(ref reader, system);
                return items;
            }
            case MessagePackType.Map:
            {
                int n = reader.ReadMapHeader();
                var map = new Dictionary<object, object?>(n);
                for (int i = 0; i < n; i++)
                {
                    var key = Read(ref reader, system) ?? throw new MessagePackSerializationException("nil map keys are not supported");
                    map[key] = Read(ref reader, system);
                }
                return map;
            }
            case MessagePackType.Extension:
            {
                var (type, length) = reader.ReadExtensionHeader();
                var data = reader.ReadRaw(length);
                return type switch
                {
                    MessagePackCode.TimestampExtType => MessagePackReader.DecodeTimestamp(data),
                    MessagePackCode.ActorRefExtType when system is not null => system.ResolveActorRef(Encoding.UTF8.GetString(data)),
                    MessagePackCode.ActorPathExtType => ActorPath.Parse(Encoding.UTF8.GetString(data)),
                    MessagePackCode.AddressExtType => Address.Parse(Encoding.UTF8.GetString(data)),
                    _ => new MessagePackExtension(type, data.ToArray()),
                };
            }
            default:
                throw new MessagePackSerializationException("unknown MessagePack format byte");
        }
    }

    internal static void WriteUtf8Extension(ref MessagePackWriter writer, sbyte type, string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        writer.WriteExtensionHeader(type, length);
        Span<byte> buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, buffer);
        writer.WriteRaw(buffer);
    }
}
