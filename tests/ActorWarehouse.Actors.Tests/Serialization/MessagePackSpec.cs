using System.Buffers;
using ActorWarehouse.Actors.Serialization.MessagePack;

namespace ActorWarehouse.Actors.Tests.Serialization;

public sealed class MessagePackSpec
{
    private static string Hex(Action<MessagePackWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new MessagePackWriter(buffer));
        return Convert.ToHexStringLower(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(256L, "cd0100")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    public void Integers_use_the_smallest_encoding(long value, string hex)
    {
        Assert.Equal(hex, Hex(w => w.Write(value)));
    }

    [Fact]
    public void Strings_binaries_arrays_and_maps_switch_header_sizes_at_the_spec_limits()
    {
        Assert.StartsWith("bf", Hex(w => w.Write(new string('a', 31))));
        Assert.StartsWith("d920", Hex(w => w.Write(new string('a', 32))));
        Assert.StartsWith("da0100", Hex(w => w.Write(new string('a', 256))));
        Assert.StartsWith("db00010000", Hex(w => w.Write(new string('a', 65536))));
        Assert.Equal("c403010203", Hex(w => w.Write(new byte[] { 1, 2, 3 })));
        Assert.Equal("9f", Hex(w => w.WriteArrayHeader(15)));
        Assert.Equal("dc0010", Hex(w => w.WriteArrayHeader(16)));
        Assert.Equal("8f", Hex(w => w.WriteMapHeader(15)));
        Assert.Equal("de0010", Hex(w => w.WriteMapHeader(16)));
        Assert.Equal("df00010000", Hex(w => w.WriteMapHeader(65536)));
    }

    [Fact]
    public void Timestamps_use_the_32_64_and_96_bit_forms()
    {
        Assert.Equal("d6ff00000001", Hex(w => w.Write(DateTime.UnixEpoch.AddSeconds(1))));
        Assert.StartsWith("d7ff", Hex(w => w.Write(DateTime.UnixEpoch.AddSeconds(1).AddTicks(1))));
        Assert.StartsWith("c70cff", Hex(w => w.Write(DateTime.UnixEpoch.AddSeconds(-1))));
    }

    [Fact]
    public void Every_family_round_trips()
    {
        var value = new object?[]
        {
            null, true, 42L, -7L, ulong.MaxValue, 2.5, 1.25f, "text", new byte[] { 9 },
            new Dictionary<object, object?> { ["k"] = new object?[] { 1L } },
            new DateTime(2026, 11, 22, 3, 4, 5, DateTimeKind.Utc).AddTicks(7), new MessagePackExtension(42, [1, 2, 3]),
        };
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        MessagePackDynamic.Write(ref writer, value);
        var reader = new MessagePackReader(buffer.WrittenSpan);
        var back = (object?[])MessagePackDynamic.Read(ref reader)!;
        Assert.Equal(ActorWarehouse.Actors.Tests.Interop.MessagePackInteropSpec.Describe(value),
            ActorWarehouse.Actors.Tests.Interop.MessagePackInteropSpec.Describe(back));
    }

    [Fact]
    public void Skip_passes_over_nested_values()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        MessagePackDynamic.Write(ref writer, new object?[] { new Dictionary<object, object?> { ["a"] = new object?[] { 1L, "x" } }, 5L });
        var reader = new MessagePackReader(buffer.WrittenSpan);
        Assert.Equal(2, reader.ReadArrayHeader());
        reader.Skip();
        Assert.Equal(5, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void Truncated_or_mistyped_input_raises_a_serialization_exception()
    {
        Assert.Throws<MessagePackSerializationException>(() => { var r = new MessagePackReader(new byte[] { 0xcd, 0x01 }); r.ReadInt64(); });
        Assert.Throws<MessagePackSerializationException>(() => { var r = new MessagePackReader(new byte[] { 0xa1 }); r.ReadInt64(); });
        Assert.Throws<MessagePackSerializationException>(() => { var r = new MessagePackReader(new byte[] { 0xdb, 0xff, 0xff, 0xff, 0xff }); r.ReadString(); });
    }
}
