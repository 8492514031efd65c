namespace ActorWarehouse.Host.Bench;

/// <summary>
/// The TPC-H tables (column names and types of the spec, clause 1.4) with Redshift distribution and
/// sort choices, following the usual Redshift TPC-H layout:
/// <list type="bullet">
/// <item>lineitem and orders are distributed on the order key, so the biggest join (lineitem ⋈ orders) is
/// co-located; lineitem is sorted on l_shipdate (range filters in Q1, Q3, Q6, Q7, Q14, Q15, Q20),
/// orders on o_orderdate (Q3, Q4, Q5, Q8, Q10).</item>
/// <item>part and partsupp are distributed on the part key (co-located join in Q2, Q9, Q16, Q20), partsupp
/// sorted on (ps_partkey, ps_suppkey).</item>
/// <item>customer is distributed and sorted on c_custkey (joins with orders on o_custkey redistribute the
/// smaller side).</item>
/// <item>supplier, nation and region are small: DISTSTYLE ALL puts a full copy on every slice, so joins
/// with them never move data.</item>
/// </list>
/// </summary>
public static class TpchSchema
{
    /// <summary>Table names in load order.</summary>
    public static readonly IReadOnlyList<string> Tables =
        ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"];

    public static string CreateTable(string table) => table switch
    {
        "region" => """
            create table region (
                r_regionkey  integer       not null,
                r_name       char(25)      not null,
                r_comment    varchar(152)
            ) diststyle all sortkey (r_regionkey)
            """,
        "nation" => """
            create table nation (
                n_nationkey  integer       not null,
                n_name       char(25)      not null,
                n_regionkey  integer       not null,
                n_comment    varchar(152)
            ) diststyle all sortkey (n_nationkey)
            """,
        "supplier" => """
            create table supplier (
                s_suppkey    integer       not null,
                s_name       char(25)      not null,
                s_address    varchar(40)   not null,
                s_nationkey  integer       not null,
                s_phone      char(15)      not null,
                s_acctbal    decimal(15,2) not null,
                s_comment    varchar(101)  not null
            ) diststyle all sortkey (s_suppkey)
            """,
        "customer" => """
            create table customer (
                c_custkey    integer       not null,
                c_name       varchar(25)   not null,
                c_address    varchar(40)   not null,
                c_nationkey  integer       not null,
                c_phone      char(15)      not null,
                c_acctbal    decimal(15,2) not null,
                c_mktsegment char(10)      not null,
                c_comment    varchar(117)  not null
            ) distkey (c_custkey) sortkey (c_custkey)
            """,
        "part" => """
            create table part (
                p_partkey     integer       not null,
                p_name        varchar(55)   not null,
                p_mfgr        char(25)      not null,
                p_brand       char(10)      not null,
                p_type        varchar(25)   not null,
                p_size        integer       not null,
                p_container   char(10)      not null,
                p_retailprice decimal(15,2) not null,
                p_comment     varchar(23)   not null
            ) distkey (p_partkey) sortkey (p_partkey)
            """,
        "partsupp" => """
            create table partsupp (
                ps_partkey    integer       not null,
                ps_suppkey    integer       not null,
                ps_availqty   integer       not null,
                ps_supplycost decimal(15,2) not null,
                ps_comment    varchar(199)  not null
            ) distkey (ps_partkey) sortkey (ps_partkey, ps_suppkey)
            """,
        "orders" => """
            create table orders (
                o_orderkey      integer       not null,
                o_custkey       integer       not null,
                o_orderstatus   char(1)       not null,
                o_totalprice    decimal(15,2) not null,
                o_orderdate     date          not null,
                o_orderpriority char(15)      not null,
                o_clerk         char(15)      not null,
                o_shippriority  integer       not null,
                o_comment       varchar(79)   not null
            ) distkey (o_orderkey) sortkey (o_orderdate)
            """,
        "lineitem" => """
            create table lineitem (
                l_orderkey      integer       not null,
                l_partkey       integer       not null,
                l_suppkey       integer       not null,
                l_linenumber    integer       not null,
                l_quantity      decimal(15,2) not null,
                l_extendedprice decimal(15,2) not null,
                l_discount      decimal(15,2) not null,
                l_tax           decimal(15,2) not null,
                l_returnflag    char(1)       not null,
                l_linestatus    char(1)       not null,
                l_shipdate      date          not null,
                l_commitdate    date          not null,
                l_receiptdate   date          not null,
                l_shipinstruct  char(25)      not null,
                l_shipmode      char(10)      not null,
                l_comment       varchar(44)   not null
            ) distkey (l_orderkey) sortkey (l_shipdate)
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a TPC-H table"),
    };

    /// <summary>The COPY of one table from a '|'-separated file (GZIP when the name ends in .gz).</summary>
    public static string Copy(string table, string file) =>
        $"copy {table} from '{file.Replace("'", "''")}' delimiter '|'{(file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? " gzip" : "")}";

    /// <summary>The data file of <paramref name="table"/> in <paramref name="folder"/> (.tbl, else .tbl.gz), or null.</summary>
    public static string? DataFile(string folder, string table)
    {
        foreach (var name in new[] { table + ".tbl", table + ".tbl.gz" })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        return null;
    }
}
