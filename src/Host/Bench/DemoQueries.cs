namespace ActorWarehouse.Host.Bench;

/// <summary>
/// The TPC-H queries the demo runs (Q1, Q3, Q6 with the spec's validation parameters), kept in the
/// program so `aw demo` works without the shared data folder.
/// </summary>
public static class DemoQueries
{
    public static readonly IReadOnlyList<TpchQuery> All =
    [
        new("q01", """
            select l_returnflag, l_linestatus,
                   sum(l_quantity) as sum_qty,
                   sum(l_extendedprice) as sum_base_price,
                   sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
                   sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
                   avg(l_quantity) as avg_qty,
                   avg(l_extendedprice) as avg_price,
                   avg(l_discount) as avg_disc,
                   count(*) as count_order
            from lineitem
            where l_shipdate <= date '1998-12-01' - interval '90' day
            group by l_returnflag, l_linestatus
            order by l_returnflag, l_linestatus
            """),
        new("q03", """
            select l_orderkey,
                   sum(l_extendedprice * (1 - l_discount)) as revenue,
                   o_orderdate, o_shippriority
            from customer, orders, lineitem
            where c_mktsegment = 'BUILDING'
              and c_custkey = o_custkey
              and l_orderkey = o_orderkey
              and o_orderdate < date '1995-03-15'
              and l_shipdate > date '1995-03-15'
            group by l_orderkey, o_orderdate, o_shippriority
            order by revenue desc, o_orderdate
            limit 10
            """),
        new("q06", """
            select sum(l_extendedprice * l_discount) as revenue
            from lineitem
            where l_shipdate >= date '1994-01-01'
              and l_shipdate < date '1994-01-01' + interval '1' year
              and l_discount between 0.06 - 0.01 and 0.06 + 0.01
              and l_quantity < 24
            """),
    ];
}
