namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>Byte-wise equality of UTF-8 values, for the dictionaries the string encoders build.</summary>
internal sealed class Utf8KeyComparer : IEqualityComparer<ReadOnlyMemory<byte>>
{
    public static readonly Utf8KeyComparer Instance = new();

    public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value.Span);
        return hash.ToHashCode();
    }
}
