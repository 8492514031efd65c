using System.Diagnostics;
using System.Globalization;

namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// Writes the eight TPC-H tables as <c>&lt;table&gt;.tbl</c> files ('|'-separated, no trailing '|',
/// the format of dbgen's output with the trailing separator removed) following the value rules of
/// the TPC-H specification, clause 4.2. The rows are not dbgen's (those need its random streams),
/// but the cardinalities, key rules and value distributions are the spec's. Output is
/// deterministic: the same scale factor always gives the same bytes, whatever the core count.
/// </summary>
public static class TpchGenerator
{
    public static readonly IReadOnlyList<string> TableNames =
        ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    public static void Generate(double scaleFactor, string outputDirectory, IProgress<string>? progress = null)
    {
        if (!(scaleFactor > 0) || double.IsInfinity(scaleFactor) || scaleFactor > 100_000)
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "the scale factor must be positive (and at most 100000)");
        Directory.CreateDirectory(outputDirectory);
        var scale = new TpchScale(scaleFactor);
        _ = TpchText.Pool; // build the shared text pool once, before the parallel chunks need it

        TpchTable[] tables =
        [
            new RegionTable(scale), new NationTable(scale), new SupplierTable(scale), new CustomerTable(scale),
            new PartTable(scale), new OrdersTable(scale),
        ];
        foreach (var table in tables)
        {
            var watch = Stopwatch.StartNew();
            long rows = WriteTable(table, outputDirectory);
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(" + ", table.Outputs)}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s"));
        }
    }

    /// <summary>
    /// Generates the table's chunks on the thread pool, a bounded window ahead of the writer, and
    /// writes each chunk's buffers to the output files in chunk order. Returns the rows written.
    /// </summary>
    private static long WriteTable(TpchTable table, string directory)
    {
        var files = table.Outputs
            .Select(name => new FileStream(Path.Combine(directory, name + ".tbl"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            .ToArray();
        try
        {
            long chunkCount = (table.Count + table.ChunkRows - 1) / table.ChunkRows;
            int window = Math.Max(2, Environment.ProcessorCount * 2);
            var pending = new Queue<Task<TpchRowBuffer[]>>();
            long rows = 0;
            for (long chunk = 0; chunk < chunkCount || pending.Count > 0;)
            {
                while (chunk < chunkCount && pending.Count < window)
                {
                    long first = chunk * table.ChunkRows + 1;
                    long last = Math.Min(table.Count, first + table.ChunkRows - 1);
                    pending.Enqueue(Task.Run(() => GenerateChunk(table, first, last)));
                    chunk++;
                }
                var buffers = pending.Dequeue().GetAwaiter().GetResult();
                for (int i = 0; i < files.Length; i++)
                {
                    var written = buffers[i].Written;
                    files[i].Write(written);
                    rows += written.Count((byte)'\n');
                }
            }
            return rows;
        }
        finally
        {
            foreach (var file in files) file.Dispose();
        }
    }

    private static TpchRowBuffer[] GenerateChunk(TpchTable table, long first, long last)
    {
        int rowCount = (int)(last - first + 1);
        var buffers = table.BytesPerRow.Select(bytes => new TpchRowBuffer(bytes * rowCount)).ToArray();
        table.Generate(first, last, buffers);
        return buffers;
    }
}
