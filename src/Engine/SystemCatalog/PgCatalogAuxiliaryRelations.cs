namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>
/// The rest of pg_catalog that clients read: settings, convenience views (pg_tables, pg_views, pg_stat_activity) and the
/// relations for features the warehouse does not have (indexes, constraints, inheritance, enums, ranges, extensions,
/// comments), which exist with PostgreSQL's columns and hold no rows.
/// </summary>
internal static class PgCatalogAuxiliaryRelations
{
    private const string Pg = "pg_catalog";

    public static IEnumerable<SystemRelation> All()
    {
        yield return new SystemRelation(Pg, "pg_settings", """
            name:text setting:text unit:text category:text short_desc:text extra_desc:text context:text vartype:text source:text
            min_val:text max_val:text enumvals:array boot_val:text reset_val:text sourcefile:text sourceline:int4 pending_restart:bool
            """, s => s.Session.Settings.All().Select(kv => new object?[]
            {
                kv.Key, kv.Value, null, "Client Connection Defaults", "", null, "user", "string", "default", null, null, null, kv.Value,
                kv.Value, null, null, false,
            })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "pg_tables", """
            schemaname:name tablename:name tableowner:name tablespace:name hasindexes:bool hasrules:bool hastriggers:bool rowsecurity:bool
            """, s => s.Relations.Where(r => r.Table is not null)
                .Select(r => new object?[] { r.Schema, r.Name, Owner(s), null, false, false, false, false })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "pg_views", "schemaname:name viewname:name viewowner:name definition:text", s =>
            s.Relations.Where(r => r.View is not null).Select(r => new object?[] { r.Schema, r.Name, Owner(s), r.View!.QueryText }))
        { Kind = 'v' };

        yield return new SystemRelation(Pg, "pg_stat_activity", """
            datid:oid datname:name pid:int4 leader_pid:int4 usesysid:oid usename:name application_name:text client_addr:text
            client_hostname:text client_port:int4 backend_start:timestamptz xact_start:timestamptz query_start:timestamptz
            state_change:timestamptz wait_event_type:text wait_event:text state:text backend_xid:int4 backend_xmin:int4 query_id:int8
            query:text backend_type:text
            """, s => s.Session.Warehouse.Activity.Sessions.Select(a => new object?[]
            {
                CatalogSnapshot.DatabaseOid, a.Identity.DatabaseName, a.Identity.BackendPid, null, a.UserId, a.Identity.UserName,
                a.Identity.ApplicationName, a.Identity.ClientAddress.Length == 0 ? null : a.Identity.ClientAddress, null,
                a.Identity.ClientAddress.Length == 0 ? -1 : null, Micros(a.BackendStart), Micros(a.TransactionStart), Micros(a.QueryStart),
                Micros(a.QueryStart), null, null, a.State, null, null, a.RunningQueryId == 0 ? null : a.RunningQueryId, a.Query, "client backend",
            })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "pg_collation", """
            oid:oid collname:name collnamespace:oid collowner:oid collprovider:char collisdeterministic:bool collencoding:int4
            collcollate:name collctype:name colliculocale:text collversion:text
            """, s => [
                [100, "default", CatalogSnapshot.PgCatalogOid, s.OwnerOid, "d", true, -1, null, null, null, null],
                [950, "C", CatalogSnapshot.PgCatalogOid, s.OwnerOid, "c", true, -1, "C", "C", null, null],
                [951, "POSIX", CatalogSnapshot.PgCatalogOid, s.OwnerOid, "c", true, -1, "POSIX", "POSIX", null, null],
            ]);

        yield return new SystemRelation(Pg, "pg_am", "oid:oid amname:name amhandler:regproc amtype:char", _ => [
            [2, "heap", 0, "t"],
            [403, "btree", 0, "i"],
        ]);

        yield return new SystemRelation(Pg, "pg_tablespace", "oid:oid spcname:name spcowner:oid spcacl:array spcoptions:array", s => [
            [PgCatalogRelations.PgTablespaceDefault, "pg_default", s.OwnerOid, null, null],
            [1664, "pg_global", s.OwnerOid, null, null],
        ]);

        yield return new SystemRelation(Pg, "pg_language", """
            oid:oid lanname:name lanowner:oid lanispl:bool lanpltrusted:bool lanplcallfoid:oid laninline:oid lanvalidator:oid lanacl:array
            """, s => [
                [12, "internal", s.OwnerOid, false, false, 0, 0, 0, null],
                [13, "c", s.OwnerOid, false, false, 0, 0, 0, null],
                [14, "sql", s.OwnerOid, false, true, 0, 0, 0, null],
            ]);

        yield return new SystemRelation(Pg, "pg_description", "objoid:oid classoid:oid objsubid:int4 description:text", _ => []);
        yield return new SystemRelation(Pg, "pg_shdescription", "objoid:oid classoid:oid description:text", _ => []);
        yield return new SystemRelation(Pg, "pg_index", """
            indexrelid:oid indrelid:oid indnatts:int2 indnkeyatts:int2 indisunique:bool indnullsnotdistinct:bool indisprimary:bool
            indisexclusion:bool indimmediate:bool indisclustered:bool indisvalid:bool indcheckxmin:bool indisready:bool indislive:bool
            indisreplident:bool indkey:int2vector indcollation:oidvector indclass:oidvector indoption:int2vector indexprs:text indpred:text
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_constraint", """
            oid:oid conname:name connamespace:oid contype:char condeferrable:bool condeferred:bool convalidated:bool conrelid:oid
            contypid:oid conindid:oid conparentid:oid confrelid:oid confupdtype:char confdeltype:char confmatchtype:char conislocal:bool
            coninhcount:int4 connoinherit:bool conkey:array confkey:array conpfeqop:array conppeqop:array conffeqop:array
            confdelsetcols:array conexclop:array conbin:text consrc:text
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_inherits", "inhrelid:oid inhparent:oid inhseqno:int4 inhdetachpending:bool", _ => []);
        yield return new SystemRelation(Pg, "pg_enum", "oid:oid enumtypid:oid enumsortorder:float4 enumlabel:name", _ => []);
        yield return new SystemRelation(Pg, "pg_range", """
            rngtypid:oid rngsubtype:oid rngmultitypid:oid rngcollation:oid rngsubopc:oid rngcanonical:regproc rngsubdiff:regproc
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_extension", """
            oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool extversion:text extconfig:array extcondition:array
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_trigger", """
            oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:int2 tgenabled:char tgisinternal:bool tgconstrrelid:oid
            tgconstrindid:oid tgconstraint:oid tgdeferrable:bool tginitdeferred:bool tgnargs:int2 tgattr:int2vector tgargs:text
            tgqual:text tgoldtable:name tgnewtable:name
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_rewrite", "oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool ev_qual:text ev_action:text", _ => []);
        yield return new SystemRelation(Pg, "pg_depend", """
            classid:oid objid:oid objsubid:int4 refclassid:oid refobjid:oid refobjsubid:int4 deptype:char
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_matviews", """
            schemaname:name matviewname:name matviewowner:name tablespace:name hasindexes:bool ispopulated:bool definition:text
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Pg, "pg_indexes", "schemaname:name tablename:name indexname:name tablespace:name indexdef:text", _ => [])
        { Kind = 'v' };
        yield return new SystemRelation(Pg, "pg_foreign_table", "ftrelid:oid ftserver:oid ftoptions:array", _ => []);
        yield return new SystemRelation(Pg, "pg_partitioned_table", """
            partrelid:oid partstrat:char partnatts:int2 partdefid:oid partattrs:int2vector partclass:oidvector partcollation:oidvector partexprs:text
            """, _ => []);
        yield return new SystemRelation(Pg, "pg_sequence", """
            seqrelid:oid seqtypid:oid seqstart:int8 seqincrement:int8 seqmax:int8 seqmin:int8 seqcache:int8 seqcycle:bool
            """, s => s.Relations.Where(r => r.Kind == 'S').Select(r =>
            {
                var q = s.Catalog.FindSequence(r.Schema, r.Name)!;
                return new object?[] { r.Oid, 20, q.Start, q.Increment, q.MaxValue, q.MinValue, q.Cache, q.Cycle };
            }));
    }

    private static string Owner(CatalogSnapshot s) => s.RoleByOid(s.OwnerOid)?.Name ?? CatalogSnapshot.InternalSuperuser;

    /// <summary>Microseconds since the epoch (timestamptz's physical value), or null.</summary>
    internal static object? Micros(DateTime? time) => time is { } t ? (t.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / 10 : null;
}
