using System.Runtime.CompilerServices;
using System.Text;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// A CHAR/VARCHAR column in Arrow's variable-size binary layout (type Utf8): <see cref="Length"/> + 1
/// int32 <see cref="Offsets"/> into one UTF-8 <see cref="Data"/> buffer, plus the validity bitmap.
/// Value i is <c>Data[Offsets[i]..Offsets[i + 1]]</c>. The bytes under a NULL slot are unspecified — usually none,
/// but COPY's rejected rows, Arrow input and data stored by older builds may leave some: check validity before
/// reading <see cref="GetBytes"/> as a value. One vector holds at most <see cref="StringDataLimit"/> bytes.
/// Operators, storage, exchanges and the wire read the bytes directly; <see cref="GetString"/> decodes one
/// value for the scalar functions that compute on .NET strings (see <see cref="StringForms"/>).
/// </summary>
public sealed class StringVector : ColumnVector
{
    public StringVector(SqlType type, int[] offsets, byte[] data, int length, ValidityBitmap? validity = null)
        : base(type, length, validity)
    {
        if (offsets.Length < length + 1) throw new ArgumentException("offsets shorter than length + 1", nameof(offsets));
        Offsets = offsets;
        Data = data;
    }

    /// <summary>Start of value i at index i; the end of the last value at index <see cref="Length"/>.</summary>
    public int[] Offsets { get; }

    /// <summary>The UTF-8 bytes of all values, back to back.</summary>
    public byte[] Data { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        int start = Offsets[index];
        return new ReadOnlySpan<byte>(Data, start, Offsets[index + 1] - start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ByteLength(int index) => Offsets[index + 1] - Offsets[index];

    /// <summary>Value <paramref name="index"/> as a .NET string ("" for a NULL slot, whatever bytes it holds).</summary>
    public string GetString(int index)
    {
        if (IsNull(index)) return "";
        var bytes = GetBytes(index);
        return bytes.Length == 0 ? "" : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Bytes of value data the vector refers to.</summary>
    public int DataLength => Offsets[Length] - Offsets[0];

    public override object? GetBoxed(int index) => IsNull(index) ? null : GetString(index);

    /// <summary>Every value as a .NET string ("" in NULL slots).</summary>
    public string[] ToStrings()
    {
        var result = new string[Length];
        for (int i = 0; i < result.Length; i++) result[i] = GetString(i);
        return result;
    }

    /// <summary>A vector of <paramref name="values"/>; a null reference is stored as zero bytes (the validity bitmap decides NULL).</summary>
    public static StringVector FromStrings(SqlType type, ReadOnlySpan<string?> values, ValidityBitmap? validity = null)
    {
        var builder = new StringVectorBuilder(values.Length);
        foreach (var value in values) builder.Append(value ?? "");
        return builder.Build(type, validity);
    }

    /// <summary><paramref name="length"/> empty strings.</summary>
    public static StringVector Empty(SqlType type, int length) => new(type, new int[length + 1], [], length);
}
