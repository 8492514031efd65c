using System.Buffers;
using System.Text;
using ActorWarehouse.Engine.Storage.Blocks;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// Arrow's variable-length layout for strings: <c>count + 1</c> int32 offsets, then the UTF-8 bytes.
/// A null reference is written as the empty string (its validity bit says it is NULL).
/// </summary>
internal static class StringValues
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<string> values)
    {
        int count = values.Length;
        var offsets = new int[count + 1];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = total;
            total = checked(total + Encoding.UTF8.GetByteCount(values[i] ?? ""));
        }
        offsets[count] = total;
        output.WriteValues<int>(offsets);
        var data = output.GetSpan(total);
        int position = 0;
        for (int i = 0; i < count; i++) position += Encoding.UTF8.GetBytes(values[i] ?? "", data.Slice(position));
        output.Advance(total);
    }

    public static string[] Read(ref BlockReader reader, int count)
    {
        var offsets = new int[count + 1];
        reader.ReadInto<int>(offsets);
        int total = offsets[count];
        var data = reader.ReadBytes(total);
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            int start = offsets[i], end = offsets[i + 1];
            if (start < 0 || end < start || end > total) throw new CorruptBlockException("string offsets out of order");
            result[i] = start == end ? "" : Encoding.UTF8.GetString(data.Slice(start, end - start));
        }
        return result;
    }

    /// <summary>One length-prefixed string (used by dictionaries and runs).</summary>
    public static void WriteOne(IBufferWriter<byte> output, string? value)
    {
        value ??= "";
        int length = Encoding.UTF8.GetByteCount(value);
        output.WriteInt32(length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    public static string ReadOne(ref BlockReader reader)
    {
        int length = reader.ReadCount(int.MaxValue);
        return length == 0 ? "" : Encoding.UTF8.GetString(reader.ReadBytes(length));
    }
}
