using System.Buffers;
using System.Globalization;
using System.Text;
using ActorWarehouse.Actors.Serialization.MessagePack;

namespace ActorWarehouse.Actors.Tests.Interop;

/// <summary>Our MessagePack against the reference implementation (npm @msgpack/msgpack), both directions.</summary>
public sealed class MessagePackInteropSpec
{
    private static object?[] AllFamilies()
    {
        var big = new Dictionary<object, object?>();
        for (int i = 0; i < 20; i++) big["k" + i] = (long)i * 1000;
        return
        [
            null, true, false, 0L, 127L, 128L, 255L, 256L, 65535L, 65536L, 4294967295L, 4294967296L, long.MaxValue, ulong.MaxValue,
            -1L, -32L, -33L, -128L, -129L, -32768L, -32769L, (long)int.MinValue, (long)int.MinValue - 1, long.MinValue,
            1.5f, -0.25, 3.14159,
            "", "hi", new string('x', 31), new string('y', 32), new string('z', 300), new string('w', 70000), "café € 😀",
            Array.Empty<byte>(), new byte[] { 1, 2, 3 }, Enumerable.Repeat((byte)7, 300).ToArray(), Enumerable.Repeat((byte)9, 70000).ToArray(),
            Array.Empty<object?>(), new object?[] { 1L, new object?[] { 2L, new object?[] { 3L } } },
            Enumerable.Range(0, 20).Select(i => (object?)(long)i).ToArray(), Enumerable.Repeat((object?)1L, 70000).ToArray(),
            new Dictionary<object, object?> { ["a"] = 1L, ["b"] = "two", ["c"] = new object?[] { true, null } }, big,
            DateTime.UnixEpoch, DateTime.UnixEpoch.AddSeconds(1_700_000_000), DateTime.UnixEpoch.AddSeconds(1_700_000_000).AddTicks(1_234_567),
            DateTime.UnixEpoch.AddSeconds(-0.5), DateTime.UnixEpoch.AddSeconds(17179869184).AddTicks(1),
            new MessagePackExtension(5, [1]), new MessagePackExtension(6, [1, 2]), new MessagePackExtension(7, [4, 4, 4, 4]),
            new MessagePackExtension(8, Enumerable.Repeat((byte)8, 8).ToArray()), new MessagePackExtension(9, Enumerable.Repeat((byte)16, 16).ToArray()),
            new MessagePackExtension(10, [3, 3, 3]), new MessagePackExtension(11, Enumerable.Repeat((byte)11, 300).ToArray()),
            ActorPath.Parse("akka.tcp://Sys@127.0.0.1:4053/user/a#42"),
        ];
    }

    /// <summary>The canonical description shared with msgpack-interop.mjs.</summary>
    internal static string Describe(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or ulong or int => $"{{\"i\":\"{Convert.ToString(v, CultureInfo.InvariantCulture)}\"}}",
        float f => $"{{\"f\":\"{((double)f).ToString("R", CultureInfo.InvariantCulture)}\"}}",
        double d => $"{{\"f\":\"{d.ToString("R", CultureInfo.InvariantCulture)}\"}}",
        string s => $"{{\"s\":\"{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s))}\"}}",
        byte[] bytes => $"{{\"b\":\"{Convert.ToHexStringLower(bytes)}\"}}",
        DateTime dt => DescribeTime(dt),
        MessagePackExtension x => $"{{\"x\":{x.TypeCode},\"d\":\"{Convert.ToHexStringLower(x.Data)}\"}}",
        ActorPath p => $"{{\"x\":{MessagePackCode.ActorPathExtType},\"d\":\"{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(p.ToSerializationFormat()))}\"}}",
        Dictionary<object, object?> m => "{\"m\":[" + string.Join(",", m.Select(e => $"[{Describe(e.Key)},{Describe(e.Value)}]")) + "]}",
        object?[] a => "[" + string.Join(",", a.Select(Describe)) + "]",
        _ => throw new ArgumentException($"cannot describe {v.GetType()}"),
    };

    private static string DescribeTime(DateTime dt)
    {
        long ticks = dt.Ticks - DateTime.UnixEpoch.Ticks;
        long sec = (long)Math.Floor(ticks / (double)TimeSpan.TicksPerSecond);
        long nsec = (ticks - sec * TimeSpan.TicksPerSecond) * 100;
        return $"{{\"t\":\"{sec}:{nsec}\"}}";
    }

    [Fact]
    public void Bytes_we_write_decode_with_the_reference_implementation_to_the_same_values()
    {
        var values = AllFamilies();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        MessagePackDynamic.Write(ref writer, values);
        var described = NodeRunner.Run("msgpack-interop.mjs", "decode", Convert.ToHexStringLower(buffer.WrittenSpan));
        Assert.Equal(Describe(values), described);
    }

    [Fact]
    public void Bytes_the_reference_implementation_writes_decode_with_ours_to_the_same_values()
    {
        var output = NodeRunner.Run("msgpack-interop.mjs", "fixture");
        var newline = output.IndexOf('\n');
        var bytes = Convert.FromHexString(output[..newline]);
        var expected = output[(newline + 1)..];
        var reader = new MessagePackReader(bytes);
        var value = MessagePackDynamic.Read(ref reader);
        Assert.True(reader.End);
        Assert.Equal(expected, Describe(value));
    }
}
