using ActorWarehouse.Engine.Catalog;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>One row of pg_type: a built-in PostgreSQL type (the engine's types, the catalog types, pseudo-types and arrays).</summary>
internal sealed record PgTypeInfo(int Oid, string Name, short Length, bool ByValue, char Type, char Category, int Element, int Array,
    string InputFunction, string OutputFunction, string ReceiveFunction, string SendFunction, int Collation, char Align, char Storage, bool Preferred = false)
{
    /// <summary>The types pg_type lists, by oid (base and pseudo-types first, then their arrays).</summary>
    public static IReadOnlyList<PgTypeInfo> All { get; } = Build();

    public static IReadOnlyDictionary<int, PgTypeInfo> ByOid { get; } = All.ToDictionary(t => t.Oid);

    public static IReadOnlyDictionary<string, PgTypeInfo> ByName { get; } = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private const int DefaultCollation = 100;
    private const int CCollation = 950;

    private static List<PgTypeInfo> Build()
    {
        var list = new List<PgTypeInfo>();
        void Base(int oid, string name, short length, bool byValue, char category, int array, string io, int collation = 0, char align = 'i',
            char storage = 'p', bool preferred = false, int element = 0, char type = 'b')
        {
            // I/O functions are named "<prefix>in/out/recv/send" (boolin, date_in, ...).
            list.Add(new PgTypeInfo(oid, name, length, byValue, type, category, element, array, io + "in", io + "out", io + "recv", io + "send",
                collation, align, storage, preferred));
        }
        Base(PgTypes.Bool, "bool", 1, true, 'B', 1000, "bool", align: 'c', preferred: true);
        Base(PgTypes.Bytea, "bytea", -1, false, 'U', 1001, "bytea", storage: 'x');
        Base(PgTypes.Char1, "char", 1, true, 'Z', 1002, "char", align: 'c');
        Base(PgTypes.Name, "name", 64, false, 'S', 1003, "name", collation: CCollation, align: 'c');
        Base(PgTypes.Int8, "int8", 8, true, 'N', 1016, "int8", align: 'd');
        Base(PgTypes.Int2, "int2", 2, true, 'N', 1005, "int2", align: 's');
        Base(PgTypes.Int2Vector, "int2vector", -1, false, 'A', 1006, "int2vector", element: PgTypes.Int2);
        Base(PgTypes.Int4, "int4", 4, true, 'N', 1007, "int4");
        Base(PgTypes.RegProc, "regproc", 4, true, 'N', 1008, "regproc");
        Base(PgTypes.Text, "text", -1, false, 'S', 1009, "text", collation: DefaultCollation, storage: 'x', preferred: true);
        Base(PgTypes.OidType, "oid", 4, true, 'N', 1028, "oid", preferred: true);
        Base(27, "tid", 6, false, 'U', 1010, "tid", align: 's');
        Base(28, "xid", 4, true, 'U', 1011, "xid");
        Base(29, "cid", 4, true, 'U', 1012, "cid");
        Base(PgTypes.OidVector, "oidvector", -1, false, 'A', 1013, "oidvector", element: PgTypes.OidType);
        Base(PgTypes.Float4, "float4", 4, true, 'N', 1021, "float4");
        Base(PgTypes.Float8, "float8", 8, true, 'N', 1022, "float8", align: 'd', preferred: true);
        Base(PgTypes.Unknown, "unknown", -2, false, 'X', 0, "unknown", align: 'c');
        Base(1033, "aclitem", 12, false, 'U', 1034, "aclitem");
        Base(PgTypes.BpChar, "bpchar", -1, false, 'S', 1014, "bpchar", collation: DefaultCollation, storage: 'x');
        Base(PgTypes.Varchar, "varchar", -1, false, 'S', 1015, "varchar", collation: DefaultCollation, storage: 'x');
        Base(PgTypes.Date, "date", 4, true, 'D', 1182, "date_");
        Base(PgTypes.Time, "time", 8, true, 'D', 1183, "time_", align: 'd');
        Base(PgTypes.Timestamp, "timestamp", 8, true, 'D', 1115, "timestamp_", align: 'd');
        Base(PgTypes.TimestampTz, "timestamptz", 8, true, 'D', 1185, "timestamptz_", align: 'd', preferred: true);
        Base(PgTypes.Interval, "interval", 16, false, 'T', 1187, "interval_", align: 'd', preferred: true);
        Base(PgTypes.TimeTz, "timetz", 12, false, 'D', 1270, "timetz_", align: 'd');
        Base(PgTypes.Numeric, "numeric", -1, false, 'N', 1231, "numeric_", storage: 'm');
        Base(PgTypes.RegClass, "regclass", 4, true, 'N', 2210, "regclass");
        Base(PgTypes.RegType, "regtype", 4, true, 'N', 2211, "regtype");
        Base(PgTypes.Record, "record", -1, false, 'P', 2287, "record_", align: 'd', storage: 'x', type: 'p');
        Base(2275, "cstring", -2, false, 'P', 1263, "cstring_", align: 'c', type: 'p');
        Base(2276, "any", 4, true, 'P', 0, "any_", type: 'p');
        Base(2277, "anyarray", -1, false, 'P', 0, "anyarray_", align: 'd', storage: 'x', type: 'p');
        Base(PgTypes.Void, "void", 4, true, 'P', 0, "void_", type: 'p');
        Base(2279, "trigger", 4, true, 'P', 0, "trigger_", type: 'p');
        Base(2283, "anyelement", 4, true, 'P', 0, "anyelement_", type: 'p');
        foreach (var element in list.ToList())
        {
            if (element.Array == 0) continue;
            list.Add(new PgTypeInfo(element.Array, "_" + element.Name, -1, false, 'b', 'A', element.Oid, 0,
                "array_in", "array_out", "array_recv", "array_send", element.Collation, element.Align == 'd' ? 'd' : 'i', 'x'));
        }
        return list;
    }

    /// <summary>PostgreSQL's display name of a type (format_type without a modifier).</summary>
    public string DisplayName => Name switch
    {
        "bool" => "boolean",
        "int2" => "smallint",
        "int4" => "integer",
        "int8" => "bigint",
        "float4" => "real",
        "float8" => "double precision",
        "varchar" => "character varying",
        "bpchar" => "bpchar",
        "char" => "\"char\"",
        "timestamp" => "timestamp without time zone",
        "timestamptz" => "timestamp with time zone",
        "time" => "time without time zone",
        "timetz" => "time with time zone",
        _ when Category == 'A' && Element != 0 && ByOidOrNull(Element) is { } e && Name.StartsWith('_') => e.DisplayName + "[]",
        _ => Name,
    };

    private static PgTypeInfo? ByOidOrNull(int oid) => ByOid.GetValueOrDefault(oid);
}
