using ActorWarehouse.Engine.Catalog;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>A pg_proc row: the type input/output/receive/send functions pg_type points at (clients join on them).</summary>
internal sealed record PgProcInfo(int Oid, string Name, IReadOnlyList<int> ArgumentTypes, int ReturnType);

/// <summary>
/// pg_proc's rows: the I/O functions of every type in <see cref="PgTypeInfo"/>. array_in/out/recv/send keep PostgreSQL's
/// OIDs (750, 751, 2400, 2401: Npgsql recognises arrays by typreceive = array_recv); the others are numbered from 60000
/// in type order, which is fixed, so they are stable too.
/// </summary>
internal static class PgProcs
{
    public static IReadOnlyList<PgProcInfo> All { get; } = Build();

    private static readonly Dictionary<string, int> ByName = All.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Oid, StringComparer.Ordinal);

    public static int OidOf(string name) => ByName.GetValueOrDefault(name);

    public static PgProcInfo? Find(int oid) => All.FirstOrDefault(p => p.Oid == oid);

    private static List<PgProcInfo> Build()
    {
        var list = new List<PgProcInfo>
        {
            new(750, "array_in", [2275, PgTypes.OidType, PgTypes.Int4], 2277),
            new(751, "array_out", [2277], 2275),
            new(2400, "array_recv", [2281, PgTypes.OidType, PgTypes.Int4], 2277),
            new(2401, "array_send", [2277], PgTypes.Bytea),
        };
        var seen = new HashSet<string>(list.Select(p => p.Name), StringComparer.Ordinal);
        int next = 60_000;
        foreach (var type in PgTypeInfo.All)
        {
            Add(type.InputFunction, [2275], type.Oid);
            Add(type.OutputFunction, [type.Oid], 2275);
            Add(type.ReceiveFunction, [2281], type.Oid);
            Add(type.SendFunction, [type.Oid], PgTypes.Bytea);
        }
        return list;

        void Add(string name, int[] arguments, int result)
        {
            if (!seen.Add(name)) return;
            list.Add(new PgProcInfo(next++, name, arguments, result));
        }
    }
}
