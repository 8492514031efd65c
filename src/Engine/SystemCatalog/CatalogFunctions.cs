using System.Globalization;
using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>
/// The session- and catalog-aware functions PostgreSQL clients call (version(), current_schemas(), pg_backend_pid(),
/// pg_get_userbyid(), format_type(), has_*_privilege(), ...) and casts to the reg* catalog types. Lookups run against
/// the statement's <see cref="CatalogSnapshot"/>; the kernels capture it, so a statement sees one catalog.
/// </summary>
internal sealed class CatalogFunctions : ICatalogFunctionBinder
{
    /// <summary>What version() returns: Redshift's form (clients parse "PostgreSQL 8.0.2"), naming this engine at the end.</summary>
    public const string VersionText =
        "PostgreSQL 8.0.2 on x86_64-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.0 (ActorWarehouse)";

    private static readonly SqlType Text = SqlType.Text;

    private readonly Session _session;
    private readonly Lazy<CatalogSnapshot> _snapshot;

    public CatalogFunctions(Session session, Func<CatalogSnapshot> snapshot)
    {
        _session = session;
        _snapshot = new Lazy<CatalogSnapshot>(snapshot);
    }

    private CatalogSnapshot Snapshot => _snapshot.Value;

    public BoundExpr? TryBindFunction(string name, IReadOnlyList<BoundExpr> args, int position)
    {
        int n = args.Count;
        var identity = _session.Identity;
        switch (name)
        {
            case "version" when n == 0: return Constant(VersionText, Text);
            case "current_database" when n == 0: return Constant(identity.DatabaseName, Text);
            case "current_schema" when n == 0: return Constant(CurrentSchema(), Text);
            case "current_schemas" when n == 1: return Map(name, args, Text, [SqlType.Boolean], v => CurrentSchemas(v[0] is true));
            case "current_user" or "session_user" or "user" or "getpgusername" when n == 0: return Constant(identity.UserName, Text);
            case "pg_backend_pid" when n == 0: return Constant(identity.BackendPid, SqlType.Integer);
            case "inet_client_addr" when n == 0: return Constant(identity.ClientAddress.Length == 0 ? null : identity.ClientAddress, Text);
            case "inet_server_addr" when n == 0: return Constant(null, Text);
            case "inet_server_port" or "inet_client_port" when n == 0: return Constant(null, SqlType.Integer);
            case "pg_postmaster_start_time" or "pg_conf_load_time" when n == 0:
                return Constant((_session.Warehouse.StartTime.Ticks - DateTime.UnixEpoch.Ticks) / 10, SqlType.TimestampTz);
            case "pg_is_in_recovery" when n == 0: return Constant(false, SqlType.Boolean);
            case "pg_client_encoding" when n == 0: return Constant("UTF8", Text);
            case "pg_encoding_to_char" when n == 1:
                return Map(name, args, Text, [SqlType.Integer], v => v[0] switch { 6 => "UTF8", 0 => "SQL_ASCII", null => null, _ => "" });
            case "has_table_privilege" or "has_schema_privilege" or "has_database_privilege" or "has_function_privilege"
                or "has_column_privilege" or "has_any_column_privilege" or "has_sequence_privilege" or "has_language_privilege"
                or "has_tablespace_privilege" or "pg_has_role" when n is 2 or 3 or 4:
                // Privileges are not enforced per object: every user may use every object.
                return Constant(true, SqlType.Boolean);
            case "pg_get_userbyid" when n == 1:
                return Map(name, args, Text, [SqlType.Integer], v => v[0] is int oid ? Snapshot.RoleByOid(oid)?.Name ?? $"unknown (OID={oid})" : null);
            case "pg_table_is_visible" when n == 1:
                return Map(name, args, SqlType.Boolean, [SqlType.Integer], v => v[0] is int oid && Snapshot.RelationByOid(oid) is { } r ? Snapshot.IsVisible(r) : null);
            case "pg_type_is_visible" when n == 1:
                return Map(name, args, SqlType.Boolean, [SqlType.Integer], v => v[0] is int oid ? PgTypeInfo.ByOid.ContainsKey(oid) : null);
            case "pg_function_is_visible" or "pg_operator_is_visible" or "pg_opclass_is_visible" or "pg_collation_is_visible" when n == 1:
                return Map(name, args, SqlType.Boolean, [SqlType.Integer], v => v[0] is null ? null : true);
            case "format_type" when n == 2:
                return Map(name, args, Text, [SqlType.Integer, SqlType.Integer], v => v[0] is int oid ? FormatType(oid, v[1] as int? ?? -1) : null, nullSafe: true);
            case "pg_get_expr" when n is 2 or 3:
                return Map(name, args, Text, new[] { Text, SqlType.Integer, SqlType.Boolean }[..n], v => v[0]);
            case "obj_description" when n is 1 or 2:
            case "col_description" or "shobj_description" when n == 2:
                return Constant(null, Text);
            case "pg_get_constraintdef" or "pg_get_indexdef" or "pg_get_triggerdef" or "pg_get_ruledef" when n >= 1:
                return Constant(null, Text);
            case "pg_get_viewdef" when n is 1 or 2 && args[0].Type.IsInteger:
                return Map(name, args, Text, [SqlType.Integer, .. n == 2 ? new[] { args[1].Type.Id == TypeId.Boolean ? SqlType.Boolean : SqlType.Integer } : []],
                    v => v[0] is int oid ? Snapshot.RelationByOid(oid)?.View?.QueryText : null);
            case "pg_get_function_result" or "pg_get_function_arguments" or "pg_get_function_identity_arguments" when n == 1:
                return Map(name, args, Text, [SqlType.Integer], v => v[0] is int oid && PgProcs.Find(oid) is { } p ? FunctionSignaturePart(name, p) : null);
            case "current_setting" when n is 1 or 2:
                return Map(name, args, Text, [Text, .. n == 2 ? new[] { SqlType.Boolean } : []], v => CurrentSetting((string?)v[0], n == 2 && v[1] is true));
            case "set_config" when n == 3:
                return Map(name, args, Text, [Text, Text, SqlType.Boolean], v => SetConfig((string?)v[0], (string?)v[1]), isVolatile: true);
            case "array_to_string" when n is 2 or 3:
                return Map(name, args, Text, new[] { Text, Text, Text }[..n], v => v[0] is string a && v[1] is string d ? ArrayToString(a, d, n == 3 ? (string?)v[2] : null) : null);
            case "array_upper" or "array_length" when n == 2:
                return Map(name, args, SqlType.Integer, [Text, SqlType.Integer], v => v[0] is string a && v[1] is 1 && Elements(a) is { Count: > 0 } e ? e.Count : null);
            case "array_lower" when n == 2:
                return Map(name, args, SqlType.Integer, [Text, SqlType.Integer], v => v[0] is string a && v[1] is 1 && Elements(a) is { Count: > 0 } ? 1 : null);
            case "cardinality" when n == 1:
                return Map(name, args, SqlType.Integer, [Text], v => v[0] is string a ? Elements(a).Count : null);
            case "string_to_array" when n is 2 or 3:
                return Map(name, args, Text, new[] { Text, Text, Text }[..n], v => StringToArray((string?)v[0], (string?)v[1], n == 3 ? (string?)v[2] : null), nullSafe: true);
            case "to_regclass" when n == 1:
                return Map(name, args, SqlType.Integer, [Text], v => v[0] is string s ? Snapshot.ResolveRelation(s)?.Oid : null);
            case "to_regtype" when n == 1:
                return Map(name, args, SqlType.Integer, [Text], v => v[0] is string s ? FindType(s)?.Oid : null);
            case "pg_table_size" or "pg_relation_size" or "pg_total_relation_size" or "pg_indexes_size" when n == 1:
                return Map(name, args, SqlType.BigInt, [SqlType.Integer], v => v[0] is int oid ? RelationBytes(oid, name == "pg_indexes_size") : null);
            case "_pg_expandarray" when n == 1:
                // A set-returning function in PostgreSQL; see ExpressionBinder.BindFieldSelect.
                return Map(name, args, Text, [Text], v => Elements((string)v[0]!).Count == 0 ? null
                    : throw new SqlException(SqlState.FeatureNotSupported, "set-returning functions in the select list are not supported"));
            case "pg_size_pretty" when n == 1:
                return Map(name, args, Text, [SqlType.BigInt], v => v[0] is long bytes ? SizePretty(bytes) : null);
        }
        return null;
    }

    public BoundExpr BindCast(CatalogType type, BoundExpr operand, int position)
    {
        switch (type)
        {
            case CatalogType.Oid:
                return Coercion.Cast(operand, SqlType.Integer, isExplicit: true);
            case CatalogType.Xid:
                return Coercion.Cast(operand, SqlType.BigInt, isExplicit: true);
            case CatalogType.Name or CatalogType.Char1 or CatalogType.Array:
                return Coercion.Cast(operand, Text, isExplicit: true);
        }
        if (operand.Type.IsInteger || operand.Type.Id == TypeId.Decimal)
        {
            var oid = Coercion.Cast(operand, SqlType.Integer, isExplicit: true);
            return Map("reg_out", [oid], Text, [SqlType.Integer], v => v[0] is int o ? OidToName(type, o) : null);
        }
        var text = Coercion.Cast(operand, Text, isExplicit: true);
        if (text is BoundLiteral literal)
            return new BoundLiteral(literal.Value is string name ? NameToOid(type, name, position, throwIfMissing: true) : null, SqlType.Integer);
        return Map("reg_in", [text], SqlType.Integer, [Text], v => v[0] is string s ? NameToOid(type, s, position, throwIfMissing: false) : null);
    }

    // ------------------------------------------------------------------ lookups

    private string CurrentSchema()
    {
        foreach (var schema in Snapshot.SearchPath)
            if (Snapshot.NamespaceByName(schema) is not null) return schema;
        return CatalogVersion.DefaultSchema;
    }

    private string CurrentSchemas(bool includeImplicit)
    {
        var schemas = Snapshot.SearchPath.Where(s => Snapshot.NamespaceByName(s) is not null).ToList();
        if (includeImplicit && !schemas.Contains("pg_catalog")) schemas.Insert(0, "pg_catalog");
        return ArrayText.Format(schemas);
    }

    private int? NameToOid(CatalogType type, string name, int position, bool throwIfMissing)
    {
        int? oid = type switch
        {
            CatalogType.RegClass => Snapshot.ResolveRelation(name)?.Oid,
            CatalogType.RegType => FindType(name)?.Oid,
            CatalogType.RegProc => PgProcs.OidOf(StripCatalog(name.Trim())) is var p and > 0 ? p : null,
            CatalogType.RegNamespace => Snapshot.NamespaceByName(CatalogSnapshot.SplitQualifiedName(name)[^1])?.Oid,
            _ => Snapshot.RoleByName(name.Trim('"'))?.Oid,
        };
        if (oid is not null || !throwIfMissing) return oid;
        if (int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out int numeric)) return numeric;
        throw type switch
        {
            CatalogType.RegClass => new SqlException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist", position + 1),
            CatalogType.RegType => new SqlException(SqlState.UndefinedObject, $"type \"{name}\" does not exist", position + 1),
            CatalogType.RegProc => new SqlException(SqlState.UndefinedFunction, $"function \"{name}\" does not exist", position + 1),
            CatalogType.RegNamespace => new SqlException(SqlState.InvalidSchemaName, $"schema \"{name}\" does not exist", position + 1),
            _ => new SqlException(SqlState.UndefinedObject, $"role \"{name}\" does not exist", position + 1),
        };
    }

    private string OidToName(CatalogType type, int oid)
    {
        string? name = type switch
        {
            CatalogType.RegClass => Snapshot.RelationByOid(oid) is { } r ? Snapshot.RegClassText(r) : null,
            CatalogType.RegType => PgTypeInfo.ByOid.GetValueOrDefault(oid)?.DisplayName,
            CatalogType.RegProc => PgProcs.Find(oid)?.Name,
            CatalogType.RegNamespace => Snapshot.NamespaceName(oid),
            _ => Snapshot.RoleByOid(oid)?.Name,
        };
        return name ?? (oid == 0 ? "-" : oid.ToString(CultureInfo.InvariantCulture));
    }

    private static string StripCatalog(string name) => name.StartsWith("pg_catalog.", StringComparison.Ordinal) ? name["pg_catalog.".Length..] : name;

    /// <summary>A type by its internal or display name ('int4', 'integer', 'character varying', 'pg_catalog.trigger').</summary>
    private static PgTypeInfo? FindType(string name)
    {
        var plain = StripCatalog(name.Trim()).Trim('"');
        if (PgTypeInfo.ByName.TryGetValue(plain, out var type)) return type;
        return PgTypeInfo.All.FirstOrDefault(t => t.DisplayName == plain) ?? plain switch
        {
            "int" => PgTypeInfo.ByName["int4"],
            "character" or "char" => PgTypeInfo.ByName["bpchar"],
            "decimal" => PgTypeInfo.ByName["numeric"],
            "double" => PgTypeInfo.ByName["float8"],
            _ => null,
        };
    }

    /// <summary>format_type(oid, typmod): PostgreSQL's display of a column type ("numeric(15,2)", "character varying(44)").</summary>
    internal static string? FormatType(int oid, int typmod)
    {
        if (!PgTypeInfo.ByOid.TryGetValue(oid, out var type)) return "???";
        if (typmod < 0) return type.DisplayName;
        return oid switch
        {
            PgTypes.Varchar => $"character varying({typmod - 4})",
            PgTypes.BpChar => $"character({typmod - 4})",
            PgTypes.Numeric => $"numeric({(typmod - 4) >> 16},{(typmod - 4) & 0xFFFF})",
            PgTypes.Timestamp => $"timestamp({typmod}) without time zone",
            PgTypes.TimestampTz => $"timestamp({typmod}) with time zone",
            _ => type.DisplayName,
        };
    }

    private static string FunctionSignaturePart(string function, PgProcInfo proc) => function == "pg_get_function_result"
        ? FormatType(proc.ReturnType, -1) ?? ""
        : string.Join(", ", proc.ArgumentTypes.Select(t => FormatType(t, -1)));

    private string? CurrentSetting(string? name, bool missingOk)
    {
        if (name is null) return null;
        if (name.Equals("server_version_num", StringComparison.OrdinalIgnoreCase)) return "80002";
        if (name.Equals("max_identifier_length", StringComparison.OrdinalIgnoreCase)) return "127";
        if (missingOk && !_session.Settings.TryGet(name, out _)) return null;
        return _session.Settings.Get(name);
    }

    private string? SetConfig(string? name, string? value)
    {
        if (name is null) throw new SqlException(SqlState.NullValueNotAllowed, "SET requires parameter name");
        if (value is null) _session.Settings.Reset(name);
        else _session.Settings.Set(name, value);
        return _session.Settings.Get(name);
    }

    private static List<string?> Elements(string array) =>
        ArrayText.Parse(array) ?? throw new SqlException(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{array}\"");

    private static string ArrayToString(string array, string delimiter, string? nullText) =>
        string.Join(delimiter, Elements(array).Where(e => e is not null || nullText is not null).Select(e => e ?? nullText));

    private static string? StringToArray(string? text, string? delimiter, string? nullText)
    {
        if (text is null) return null;
        if (text.Length == 0) return "{}";
        IEnumerable<string> parts = delimiter is null ? text.Select(c => c.ToString()) : delimiter.Length == 0 ? [text] : text.Split(delimiter);
        return ArrayText.Format(parts.Select(p => nullText is not null && p == nullText ? null : p));
    }

    private long? RelationBytes(int oid, bool indexes)
    {
        if (Snapshot.RelationByOid(oid) is not { } relation) return null;
        if (indexes || relation.Table is null) return 0;
        return relation.Table.Manifest.BlockIds().LongCount() * 1024 * 1024;
    }

    private static string SizePretty(long bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = 0;
        while (Math.Abs(value) >= 10 * 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return $"{Math.Round(value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} {units[unit]}";
    }

    // ------------------------------------------------------------------ binding helpers

    private static BoundLiteral Constant(object? value, SqlType type) => new(value, type);

    /// <summary>
    /// A function computed row by row from boxed argument values. Arguments are cast to <paramref name="parameters"/>;
    /// unless <paramref name="nullSafe"/>, a NULL argument gives NULL without calling <paramref name="compute"/>.
    /// </summary>
    private static BoundExpr Map(string name, IReadOnlyList<BoundExpr> args, SqlType result, IReadOnlyList<SqlType> parameters,
        Func<object?[], object?> compute, bool nullSafe = false, bool isVolatile = false)
    {
        var cast = args.Select((a, i) => Coercion.Cast(a, parameters[i], isExplicit: true)).ToList();
        ScalarKernel kernel = (ReadOnlySpan<ColumnVector> vectors, int rowCount, FunctionContext _) =>
        {
            var values = new object?[rowCount];
            var row = new object?[vectors.Length];
            for (int r = 0; r < rowCount; r++)
            {
                bool anyNull = false;
                for (int k = 0; k < vectors.Length; k++)
                {
                    var v = vectors[k];
                    row[k] = v.GetBoxed(v.Length == 1 ? 0 : r);
                    anyNull |= row[k] is null;
                }
                values[r] = anyNull && !nullSafe ? null : compute(row);
            }
            return VectorBuilder.Build(result, values);
        };
        var resolved = new ResolvedFunction(name, result, parameters, kernel) { IsVolatile = isVolatile };
        return new BoundFunctionCall(name, resolved, cast);
    }
}
