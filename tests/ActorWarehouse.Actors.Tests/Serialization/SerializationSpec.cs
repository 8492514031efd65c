using System.Runtime.Serialization;
using ActorWarehouse.Actors.Serialization;
using ActorWarehouse.Actors.Serialization.MessagePack;

namespace ActorWarehouse.Actors.Tests.Serialization;

public sealed class SerializationSpec : ActorWarehouse.Actors.TestKit.TestKit
{
    public sealed record Order(string Id, long Quantity);

    private sealed class OrderFormatter : IMessagePackFormatter<Order>
    {
        public void Serialize(ref MessagePackWriter writer, Order value, ActorSystem system)
        {
            writer.WriteArrayHeader(2);
            writer.Write(value.Id);
            writer.Write(value.Quantity);
        }

        public Order Deserialize(ref MessagePackReader reader, ActorSystem system)
        {
            reader.ReadArrayHeader();
            return new Order(reader.ReadString()!, reader.ReadInt64());
        }
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return Sys.Serialization.Deserialize(bytes, serializer.Identifier, serializer.ManifestFor(message));
    }

    [Fact]
    public void Built_in_bindings_pick_the_upstream_ids()
    {
        Assert.Equal(4, Sys.Serialization.FindSerializerFor(new byte[1]).Identifier);
        Assert.Equal(17, Sys.Serialization.FindSerializerFor("s").Identifier);
        Assert.Equal(17, Sys.Serialization.FindSerializerFor(5L).Identifier);
        Assert.Equal(MessagePackSerializer.SerializerId, Sys.Serialization.FindSerializerFor(PoisonPill.Instance).Identifier);
    }

    [Fact]
    public void Runtime_messages_round_trip()
    {
        Assert.Same(PoisonPill.Instance, RoundTrip(PoisonPill.Instance));
        Assert.Equal("abc", RoundTrip("abc"));
        Assert.Equal(7L, RoundTrip(7L));
        Assert.Equal(new Identify("id-1"), RoundTrip(new Identify("id-1")));
        var failure = (Status.Failure)RoundTrip(new Status.Failure(new FormatException("bad")));
        Assert.Equal("bad", failure.Cause.Message);
        Assert.Equal("System.FormatException", ((RemoteFailureException)failure.Cause).OriginalType);
    }

    [Fact]
    public void Actor_refs_travel_as_paths_and_resolve_to_the_live_actor()
    {
        var identity = (ActorIdentity)RoundTrip(new ActorIdentity(1L, TestActor));
        Assert.Equal(TestActor, identity.Subject);
    }

    [Fact]
    public void Application_types_use_their_registered_formatter_and_manifest()
    {
        Sys.Serialization.MessagePack.Register("order", new OrderFormatter());
        Assert.Equal("order", Sys.Serialization.FindSerializerFor(new Order("o-1", 3)).ManifestFor(new Order("o-1", 3)));
        Assert.Equal(new Order("o-1", 3), RoundTrip(new Order("o-1", 3)));
    }

    [Fact]
    public void Unknown_types_ids_and_manifests_are_refused()
    {
        Assert.Throws<SerializationException>(() => Sys.Serialization.FindSerializerFor(new Order("x", 1)));
        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(new byte[1], 99, ""));
        Assert.Contains("Cannot find serializer with id [99]", e.Message);
        Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(new byte[1], MessagePackSerializer.SerializerId, "nope"));
    }
}
