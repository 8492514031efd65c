using System.Diagnostics.CodeAnalysis;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>The codec behind each <see cref="ColumnEncoding"/> byte.</summary>
internal static class EncodingRegistry
{
    private static readonly IBlockEncoding?[] Codecs = Build();

    public static IBlockEncoding Get(ColumnEncoding encoding) =>
        TryGet(encoding, out var codec) ? codec : throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "no codec (AUTO must be resolved first)");

    public static bool TryGet(ColumnEncoding encoding, [NotNullWhen(true)] out IBlockEncoding? codec)
    {
        int index = (int)encoding;
        codec = index < Codecs.Length ? Codecs[index] : null;
        return codec is not null;
    }

    private static IBlockEncoding?[] Build()
    {
        var codecs = new IBlockEncoding?[16];
        foreach (var codec in new IBlockEncoding[]
                 {
                     RawEncoding.Instance, RunLengthEncoding.Instance, ByteDictEncoding.Instance,
                     DeltaEncoding.OneByte, DeltaEncoding.TwoByte,
                     MostlyEncoding.Eight, MostlyEncoding.Sixteen, MostlyEncoding.ThirtyTwo,
                     Az64Encoding.Instance, ZstdEncoding.Instance,
                 })
            codecs[(int)codec.Encoding] = codec;
        return codecs;
    }
}
