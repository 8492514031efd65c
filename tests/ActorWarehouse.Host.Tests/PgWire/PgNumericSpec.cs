using System.Buffers.Binary;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Types;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>The binary numeric codec against hand-computed PostgreSQL encodings, and text round trips.</summary>
public sealed class PgNumericSpec
{
    [Theory]
    [InlineData("0", 0, new short[] { 0, 0, 0, 0 })]
    [InlineData("1", 0, new short[] { 1, 0, 0, 0, 1 })]
    [InlineData("10000", 0, new short[] { 1, 1, 0, 0, 1 })]
    [InlineData("12345678", 2, new short[] { 3, 1, 0, 2, 12, 3456, 7800 })]
    [InlineData("1", 4, new short[] { 1, -1, 0, 4, 1 })]
    [InlineData("-5", 1, new short[] { 1, -1, 0x4000, 1, 5000 })]
    public void Values_encode_as_postgres_does(string unscaled, int scale, short[] expected)
    {
        var stream = new MemoryStream();
        var writer = new MessageWriter(stream);
        PgNumeric.Write(writer, Int128.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture), scale);
        writer.Flush();
        var bytes = stream.ToArray();
        Assert.Equal(bytes.Length - 4, BinaryPrimitives.ReadInt32BigEndian(bytes));
        var words = Enumerable.Range(0, (bytes.Length - 4) / 2).Select(i => BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(4 + 2 * i))).ToArray();
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("123456789012345678901234567890123456", 6, "123456789012345678901234567890.123456")]
    [InlineData("-1", 10, "-0.0000000001")]
    [InlineData("700", 2, "7.00")]
    [InlineData("99999999", 0, "99999999")]
    public void Encoded_values_decode_to_their_text(string unscaled, int scale, string text)
    {
        var stream = new MemoryStream();
        var writer = new MessageWriter(stream);
        PgNumeric.Write(writer, Int128.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture), scale);
        writer.Flush();
        Assert.Equal(text, PgNumeric.ToText(stream.ToArray().AsSpan(4)));
    }
}
