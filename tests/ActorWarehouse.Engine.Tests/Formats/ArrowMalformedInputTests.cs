using System.Buffers.Binary;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Formats.Arrow;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Formats;

/// <summary>Damaged streams must raise <see cref="ArrowFormatException"/> and never read out of bounds.</summary>
public sealed class ArrowMalformedInputTests
{
    private static readonly ArrowField[] StringAndInt = [new("s", SqlType.Text), new("i", SqlType.Integer)];

    private static byte[] SmallStream() => ArrowRoundTripTests.WriteStream(StringAndInt, new Batch(
        [StringVector.FromStrings(SqlType.Text, ["a", "bc", "def"]), new ColumnVector<int>(SqlType.Integer, [1, 2, 3], 3)], 3));

    /// <summary>Reads the whole stream; returns the exception if it was an Arrow format error.</summary>
    private static ArrowFormatException? ReadFully(byte[] bytes)
    {
        try
        {
            using var reader = new ArrowStreamReader(new MemoryStream(bytes));
            foreach (var _ in reader.ReadAll()) { }
            return null;
        }
        catch (ArrowFormatException e)
        {
            return e;
        }
    }

    [Fact]
    public void Every_truncation_either_ends_cleanly_at_a_message_boundary_or_raises_a_format_error()
    {
        byte[] bytes = SmallStream();
        int cleanEnds = 0;
        for (int length = 0; length < bytes.Length; length++)
            if (ReadFully(bytes[..length]) is null) cleanEnds++;

        // The input may end between messages instead of with the end-of-stream marker: the cuts after
        // the schema message and just before the marker read cleanly, every other cut is an error.
        Assert.Equal(2, cleanEnds);
    }

    [Fact]
    public void Corrupting_any_single_byte_raises_at_most_a_format_error()
    {
        CorruptEveryByte(SmallStream(), 0x00, 0xFF, 0x7F, 0x80, 0x41);
    }

    [Fact]
    public void Corrupting_any_single_byte_of_a_stream_with_every_type_raises_at_most_a_format_error()
    {
        CorruptEveryByte(ArrowRoundTripTests.WriteStream(ArrowTestData.AllTypes, ArrowTestData.Batch(0)), 0x00, 0xFF);
    }

    private static void CorruptEveryByte(byte[] original, params byte[] replacements)
    {
        foreach (byte replacement in replacements)
        {
            for (int i = 0; i < original.Length; i++)
            {
                byte[] bytes = (byte[])original.Clone();
                bytes[i] = replacement;
                ReadFully(bytes); // any exception other than ArrowFormatException fails the test
            }
        }
    }

    [Fact]
    public void Random_garbage_raises_a_format_error()
    {
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            byte[] bytes = new byte[random.Next(8, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0) BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0xFFFFFFFF);
            Assert.NotNull(ReadFully(bytes));
        }
    }

    [Fact]
    public void A_string_offset_past_the_data_buffer_is_reported()
    {
        byte[] bytes = SmallStream();
        // The last string offset (3 strings: 0,1,3,6) is the int32 6; make it point past the data.
        int position = FindOffsets(bytes, [0, 1, 3, 6]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(position + 12), 1000);

        var error = ReadFully(bytes);

        Assert.NotNull(error);
        Assert.Equal("XX001", error.SqlState);
        Assert.Contains("string offsets", error.Message);
    }

    [Fact]
    public void Decreasing_string_offsets_are_reported()
    {
        byte[] bytes = SmallStream();
        int position = FindOffsets(bytes, [0, 1, 3, 6]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(position + 8), 0);

        Assert.Contains("string offsets", ReadFully(bytes)?.Message);
    }

    [Fact]
    public void A_stream_that_does_not_start_with_a_schema_is_reported()
    {
        byte[] bytes = SmallStream();
        int schemaLength = 8 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));

        var error = ReadFully(bytes[schemaLength..]);

        Assert.Contains("Schema", error?.Message);
    }

    [Fact]
    public void An_empty_input_is_reported()
    {
        Assert.Contains("Schema", ReadFully([])?.Message);
    }

    private static int FindOffsets(byte[] bytes, int[] offsets)
    {
        byte[] pattern = new byte[offsets.Length * 4];
        for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(pattern.AsSpan(4 * i), offsets[i]);
        int position = bytes.AsSpan().IndexOf(pattern);
        Assert.True(position >= 0, "offsets buffer not found");
        return position;
    }
}
