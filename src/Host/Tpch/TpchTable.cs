using System.Text;

namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// One unit of generation: numbered rows 1..<see cref="Count"/> of a table (or of a parent table
/// with its dependent rows, like orders with their lineitems), written to one file per output.
/// </summary>
internal abstract class TpchTable(TpchScale scale)
{
    protected TpchScale Scale { get; } = scale;

    public abstract string[] Outputs { get; }

    public abstract long Count { get; }

    /// <summary>Rows per chunk: chunks are generated in parallel and written in order.</summary>
    public virtual int ChunkRows => 25_000;

    /// <summary>Approximate bytes per numbered row, per output, to size buffers.</summary>
    public abstract int[] BytesPerRow { get; }

    public abstract void Generate(long first, long last, TpchRowBuffer[] outputs);

    protected static readonly byte[][] Empty = [];

    protected static byte[][] Ascii(IEnumerable<string> values) => values.Select(Encoding.ASCII.GetBytes).ToArray();

    /// <summary>A random text string [min, max] of clause 4.2.2.10 (a slice of the grammar's text pool).</summary>
    protected static ReadOnlySpan<byte> Comment(ref TpchRandom random, int min, int max)
    {
        var pool = TpchText.Pool;
        int length = random.Next(min, max);
        int offset = random.Next(0, pool.Length - length);
        return pool.AsSpan(offset, length);
    }

    /// <summary>A random v-string [min, max] (addresses) of clause 4.2.2.7.</summary>
    protected static void Address(TpchRowBuffer output, ref TpchRandom random, int min = 10, int max = 40)
    {
        int length = random.Next(min, max);
        Span<byte> text = stackalloc byte[max];
        for (int i = 0; i < length; i++) text[i] = (byte)TpchLists.AddressCharacters[random.Next(0, TpchLists.AddressCharacters.Length - 1)];
        output.Text(text[..length]);
    }

    /// <summary>A phone number of clause 4.2.2.9: country code (nation key + 10), then three local groups.</summary>
    protected static void Phone(TpchRowBuffer output, ref TpchRandom random, int nationKey)
    {
        output.StartField();
        output.AppendNumber(nationKey + 10);
        output.Append("-"u8);
        output.AppendNumber(random.Next(100, 999));
        output.Append("-"u8);
        output.AppendNumber(random.Next(100, 999));
        output.Append("-"u8);
        output.AppendNumber(random.Next(1000, 9999));
    }
}
