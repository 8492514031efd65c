using ActorWarehouse.Engine.Catalog;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>
/// pg_catalog's core relations over the real catalog: namespaces, relations, attributes, defaults, types, functions,
/// databases and roles, with the columns psql, Npgsql, PgJDBC and psycopg2 read (PostgreSQL's names, plus the
/// 8.0-era and Redshift columns old clients ask for).
/// </summary>
internal static class PgCatalogRelations
{
    private const string Pg = "pg_catalog";

    public static IEnumerable<SystemRelation> All()
    {
        yield return new SystemRelation(Pg, "pg_namespace", "oid:oid nspname:name nspowner:oid nspacl:array",
            s => s.Namespaces.Select(n => new object?[] { n.Oid, n.Name, s.OwnerOid, null }));

        yield return new SystemRelation(Pg, "pg_class", """
            oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid relfilenode:oid reltablespace:oid
            relpages:int4 reltuples:float4 relallvisible:int4 reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char
            relkind:char relnatts:int2 relchecks:int2 relhasoids:bool relhasrules:bool relhastriggers:bool relhassubclass:bool
            relrowsecurity:bool relforcerowsecurity:bool relispopulated:bool relreplident:char relispartition:bool relrewrite:oid
            relfrozenxid:int4 relminmxid:int4 relacl:array reloptions:array relpartbound:text reldiststyle:int2
            """, PgClass);

        yield return new SystemRelation(Pg, "pg_attribute", """
            attrelid:oid attname:name atttypid:oid attstattarget:int4 attlen:int2 attnum:int2 attndims:int4 attcacheoff:int4
            atttypmod:int4 attbyval:bool attalign:char attstorage:char attcompression:char attnotnull:bool atthasdef:bool
            atthasmissing:bool attidentity:char attgenerated:char attisdropped:bool attislocal:bool attinhcount:int4
            attcollation:oid attacl:array attoptions:array attfdwoptions:array attencodingtype:int2 attisdistkey:bool
            attsortkeyord:int4
            """, PgAttribute);

        yield return new SystemRelation(Pg, "pg_attrdef", "oid:oid adrelid:oid adnum:int2 adbin:text adsrc:text", s =>
            s.Relations.Where(r => r.Table is not null).SelectMany(r => r.Columns.Select((c, i) => (r, c, i)))
                .Where(x => x.c.Default is not null)
                .Select(x => new object?[] { AttrDefOid(x.r.Oid, x.i), x.r.Oid, (short)(x.i + 1), x.c.Default, x.c.Default }));

        yield return new SystemRelation(Pg, "pg_type", """
            oid:oid typname:name typnamespace:oid typowner:oid typlen:int2 typbyval:bool typtype:char typcategory:char
            typispreferred:bool typisdefined:bool typdelim:char typrelid:oid typelem:oid typarray:oid typinput:regproc
            typoutput:regproc typreceive:regproc typsend:regproc typmodin:regproc typmodout:regproc typanalyze:regproc
            typalign:char typstorage:char typnotnull:bool typbasetype:oid typtypmod:int4 typndims:int4 typcollation:oid
            typdefaultbin:text typdefault:text typacl:array
            """, s => PgTypeInfo.All.Select(t => new object?[]
            {
                t.Oid, t.Name, CatalogSnapshot.PgCatalogOid, s.OwnerOid, t.Length, t.ByValue, t.Type.ToString(), t.Category.ToString(),
                t.Preferred, true, ",", 0, t.Element, t.Array, PgProcs.OidOf(t.InputFunction), PgProcs.OidOf(t.OutputFunction),
                PgProcs.OidOf(t.ReceiveFunction), PgProcs.OidOf(t.SendFunction), 0, 0, 0, t.Align.ToString(), t.Storage.ToString(),
                false, 0, -1, 0, t.Collation, null, null, null,
            }));

        yield return new SystemRelation(Pg, "pg_proc", """
            oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:float4 prorows:float4 provariadic:oid
            prokind:char proisagg:bool proiswindow:bool prosecdef:bool proleakproof:bool proisstrict:bool proretset:bool
            provolatile:char proparallel:char pronargs:int2 pronargdefaults:int2 prorettype:oid proargtypes:oidvector
            proallargtypes:array proargmodes:array proargnames:array proargdefaults:text prosrc:text probin:text proacl:array
            """, s => PgProcs.All.Select(p => new object?[]
            {
                p.Oid, p.Name, CatalogSnapshot.PgCatalogOid, s.OwnerOid, 12, 1f, 0f, 0, "f", false, false, false, false, true, false,
                "i", "s", (short)p.ArgumentTypes.Count, (short)0, p.ReturnType, string.Join(' ', p.ArgumentTypes), null, null, null, null,
                p.Name, null, null,
            }));

        yield return new SystemRelation(Pg, "pg_database", """
            oid:oid datname:name datdba:oid encoding:int4 datlocprovider:char datistemplate:bool datallowconn:bool datconnlimit:int4
            datlastsysoid:oid datfrozenxid:int4 datminmxid:int4 dattablespace:oid datcollate:name datctype:name daticulocale:text
            datcollversion:text datacl:array
            """, s => [[CatalogSnapshot.DatabaseOid, s.Session.Warehouse.DatabaseName, s.OwnerOid, 6, "c", false, true, -1, 16383, 0, 1,
                PgTablespaceDefault, "C", "C", null, null, null]]);

        yield return new SystemRelation(Pg, "pg_authid", """
            oid:oid rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool
            rolreplication:bool rolbypassrls:bool rolconnlimit:int4 rolpassword:text rolvaliduntil:timestamptz
            """, s => s.Roles.Select(r => new object?[]
            {
                r.Oid, r.Name, r.Superuser, true, r.Superuser, r.CreateDb, r.CanLogin, false, r.Superuser, r.ConnectionLimit, r.Password, null,
            })) { SuperuserOnly = true };

        yield return new SystemRelation(Pg, "pg_roles", """
            rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool rolreplication:bool
            rolconnlimit:int4 rolpassword:text rolvaliduntil:timestamptz rolbypassrls:bool rolconfig:array oid:oid
            """, s => s.Roles.Select(r => new object?[]
            {
                r.Name, r.Superuser, true, r.Superuser, r.CreateDb, r.CanLogin, false, r.ConnectionLimit, "********", null, r.Superuser, null, r.Oid,
            })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "pg_user", """
            usename:name usesysid:int4 usecreatedb:bool usesuper:bool usecatupd:bool userepl:bool usebypassrls:bool passwd:text
            valuntil:text useconfig:array
            """, s => s.Roles.Select(r => new object?[]
            {
                r.Name, r.Oid, r.CreateDb, r.Superuser, r.Superuser, false, r.Superuser, "********", r.ValidUntil, null,
            })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "pg_shadow", """
            usename:name usesysid:int4 usecreatedb:bool usesuper:bool usecatupd:bool userepl:bool usebypassrls:bool passwd:text
            valuntil:text useconfig:array
            """, s => s.Roles.Select(r => new object?[]
            {
                r.Name, r.Oid, r.CreateDb, r.Superuser, r.Superuser, false, r.Superuser, r.Password, r.ValidUntil, null,
            })) { Kind = 'v', SuperuserOnly = true };

        yield return new SystemRelation(Pg, "pg_auth_members", "roleid:oid member:oid grantor:oid admin_option:bool", _ => []);
        yield return new SystemRelation(Pg, "pg_group", "groname:name grosysid:int4 grolist:array", _ => []) { Kind = 'v' };
    }

    public const int PgTablespaceDefault = 1663;

    /// <summary>pg_attrdef.oid: derived from the relation and column so it is stable.</summary>
    public static int AttrDefOid(int relationOid, int column) => unchecked(relationOid * 1601 + column + 1) & int.MaxValue;

    private static IEnumerable<object?[]> PgClass(CatalogSnapshot s)
    {
        foreach (var r in s.Relations)
        {
            double tuples = r.Table?.RowCount ?? 0;
            short? distStyle = r.Table?.Definition.DistStyle switch
            {
                Storage.DistStyle.Even => 0,
                Storage.DistStyle.Key => 1,
                Storage.DistStyle.All => 8,
                null => null,
                _ => 0,
            };
            int pages = r.Table is null ? 0 : (int)Math.Min(int.MaxValue, r.Table.Manifest.BlockIds().LongCount());
            yield return
            [
                r.Oid, r.Name, r.NamespaceOid, 0, 0, s.OwnerOid, r.Kind == 'r' ? 2 : 0, r.Oid, 0,
                pages, (float)tuples, 0, 0, false, false, "p",
                r.Kind.ToString(), (short)r.Columns.Count, (short)0, false, false, false, false,
                false, false, true, "d", false, 0,
                0, 0, null, null, null, distStyle,
            ];
        }
    }

    private static IEnumerable<object?[]> PgAttribute(CatalogSnapshot s)
    {
        foreach (var r in s.Relations)
        {
            var columns = r.Columns;
            for (int i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                var type = PgTypeInfo.ByOid.GetValueOrDefault(c.TypeOid);
                yield return
                [
                    r.Oid, c.Name, c.TypeOid, -1, type?.Length ?? (short)-1, (short)(i + 1), 0, -1,
                    c.TypeModifier, type?.ByValue ?? false, (type?.Align ?? 'i').ToString(), (type?.Storage ?? 'p').ToString(), "", c.NotNull, c.Default is not null,
                    false, "", "", false, true, 0,
                    type?.Collation ?? 0, null, null, null, EncodingCode(c.Encoding), c.IsDistKey,
                    c.SortKeyOrdinal,
                ];
            }
        }
    }

    /// <summary>Redshift's attencodingtype numbers for the common encodings (0 = none).</summary>
    private static short EncodingCode(string encoding) => encoding switch
    {
        "none" or "raw" => 0,
        "bytedict" => 1,
        "delta" => 2,
        "delta32k" => 3,
        "lzo" => 4,
        "mostly8" => 5,
        "mostly16" => 6,
        "mostly32" => 7,
        "runlength" => 8,
        "text255" => 9,
        "text32k" => 10,
        "zstd" => 11,
        "az64" => 12,
        _ => 128,
    };
}
