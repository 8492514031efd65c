using System.Buffers.Binary;
using ActorWarehouse.Engine.Errors;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

/// <summary>COPY ... (FORMAT BINARY) through the copy streams, as Npgsql's binary importer and exporter use it.</summary>
public sealed class BinaryCopyTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public BinaryCopyTests()
    {
        _session = _warehouse.OpenSession();
        _session.Execute("create table b (id int, name varchar(20), price decimal(8,2), day date, at timestamp, ok boolean, big bigint)");
    }

    /// <summary>A binary COPY stream of the two rows the tests use, built byte by byte from the format's definition.</summary>
    private static byte[] TwoRows()
    {
        var bytes = new List<byte>();
        void I16(short v) { var b = new byte[2]; BinaryPrimitives.WriteInt16BigEndian(b, v); bytes.AddRange(b); }
        void I32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, v); bytes.AddRange(b); }
        void I64(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); bytes.AddRange(b); }
        bytes.AddRange("PGCOPY\n"u8.ToArray());
        bytes.AddRange([0xFF, (byte)'\r', (byte)'\n', 0]);
        I32(0);
        I32(0);
        // Row 1: 7, 'pear', 1.50, 2000-01-02, 2000-01-01 00:00:01, true, 5000000000
        I16(7);
        I32(4); I32(7);
        I32(4); bytes.AddRange("pear"u8.ToArray());
        I32(12); I16(2); I16(0); I16(0); I16(2); I16(1); I16(5000);
        I32(4); I32(1);
        I32(8); I64(1_000_000);
        I32(1); bytes.Add(1);
        I32(8); I64(5_000_000_000);
        // Row 2: all NULL but the id, -12345.67 as price
        I16(7);
        I32(4); I32(8);
        I32(-1);
        I32(14); I16(3); I16(1); I16(0x4000); I16(2); I16(1); I16(2345); I16(6700);
        I32(-1); I32(-1); I32(-1); I32(-1);
        I16(-1);
        return [.. bytes];
    }

    [Fact]
    public void Binary_copy_from_stdin_decodes_every_supported_type()
    {
        var statement = _session.ParseStatements("copy b from stdin (format binary)").Single();
        Assert.True(statement.CopyBinary);
        using var input = new MemoryStream(TwoRows());
        Assert.Equal("COPY 2", _session.Execute(statement, [], new CopyStreams { Input = input }, CancellationToken.None).CommandTag);
        Assert.Equal(7, statement.CopyColumnCount);
        Assert.Equal(["7|pear|1.50|2000-01-02|2000-01-01 00:00:01|t|5000000000", "8|NULL|-12345.67|NULL|NULL|NULL|NULL"],
            Rows(_session, "select * from b order by id"));
    }

    [Fact]
    public void Binary_copy_to_stdout_writes_the_same_bytes_it_reads()
    {
        using (var input = new MemoryStream(TwoRows()))
            _session.Execute(_session.ParseStatements("copy b from stdin with binary").Single(), [], new CopyStreams { Input = input }, CancellationToken.None);
        using var output = new MemoryStream();
        var result = _session.Execute(_session.ParseStatements("copy (select * from b order by id) to stdout (format binary)").Single(), [],
            new CopyStreams { Output = output }, CancellationToken.None);
        Assert.Equal("COPY 2", result.CommandTag);
        Assert.Equal(TwoRows(), output.ToArray());
    }

    [Fact]
    public void A_truncated_binary_stream_is_a_bad_copy_file_and_loads_nothing()
    {
        var data = TwoRows()[..40];
        using var input = new MemoryStream(data);
        var e = Assert.Throws<SqlException>(() =>
            _session.Execute(_session.ParseStatements("copy b from stdin (format binary)").Single(), [], new CopyStreams { Input = input }, CancellationToken.None));
        Assert.Equal(SqlState.BadCopyFileFormat, e.SqlState);
        Assert.Equal(["0"], Rows(_session, "select count(*) from b"));
    }

    [Fact]
    public void Binary_copy_from_a_file_is_refused()
    {
        Assert.Equal(SqlState.FeatureNotSupported, Assert.Throws<SqlException>(() => _session.Execute("copy b from '/tmp/x' (format binary)")).SqlState);
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
