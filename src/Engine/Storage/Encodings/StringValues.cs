using System.Buffers;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// Arrow's variable-length layout for strings: <c>count + 1</c> int32 offsets (starting at 0), then the UTF-8
/// bytes — the in-memory <see cref="StringVector"/> written as is, NULL slots' bytes included (the table writer
/// leaves them empty; their content is never read as a value).
/// </summary>
internal static class StringValues
{
    public static void Write(IBufferWriter<byte> output, StringVector values, int count)
    {
        var offsets = new int[count + 1];
        int first = values.Offsets[0];
        for (int i = 0; i <= count; i++) offsets[i] = values.Offsets[i] - first;
        output.WriteValues<int>(offsets);
        output.WriteBytes(values.Data.AsSpan(first, offsets[count]));
    }

    public static StringVector Read(ref BlockReader reader, SqlType type, int count)
    {
        var offsets = new int[count + 1];
        reader.ReadInto<int>(offsets);
        int total = offsets[count];
        if (offsets[0] != 0 || total < 0) throw new CorruptBlockException("string offsets out of order");
        for (int i = 0; i < count; i++)
            if (offsets[i + 1] < offsets[i]) throw new CorruptBlockException("string offsets out of order");
        var data = reader.ReadBytes(total).ToArray();
        return new StringVector(type, offsets, data, count);
    }

    /// <summary>One length-prefixed string (used by dictionaries and runs).</summary>
    public static void WriteOne(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        output.WriteInt32(utf8.Length);
        output.WriteBytes(utf8);
    }

    public static ReadOnlySpan<byte> ReadOne(ref BlockReader reader)
    {
        int length = reader.ReadCount(int.MaxValue);
        return reader.ReadBytes(length);
    }
}
