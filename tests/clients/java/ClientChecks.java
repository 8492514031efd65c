// PgJDBC (Debian's libpostgresql-jdbc-java) against a PostgreSQL-protocol server.
//
//   java -cp /usr/share/java/postgresql.jar ClientChecks.java [--host H] [--port P] [--user U] [--password PW] [--database D]
//
// Missing options come from AW_HOST, AW_PORT, AW_USER, AW_PASSWORD, AW_DATABASE. Prints one line per check
// ("ok" or "FAIL name: why") and a summary; exits 1 when any check failed.

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.postgresql.PGConnection;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PGInterval;

public class ClientChecks {
    /** Runs for many seconds on PostgreSQL and on ActorWarehouse (nested loop without an equality), so a cancel finds it running. */
    static final String LONG_QUERY =
        "select count(*) from generate_series(1, 40000) a, generate_series(1, 40000) b where a.a + b.b = 7";

    interface Check { void run() throws Exception; }

    interface Binder { void bind(PreparedStatement statement, int index) throws SQLException; }

    /** One type: its SQL name, how PgJDBC binds the value, the value expected back, the type OID of the result. */
    record RoundTrip(String name, String sqlType, Binder binder, Object expected, Class<?> javaType, int oid) { }

    static final List<RoundTrip> ROUND_TRIPS = List.of(
        new RoundTrip("bool", "boolean", (s, i) -> s.setBoolean(i, true), true, Boolean.class, 16),
        new RoundTrip("int2", "smallint", (s, i) -> s.setShort(i, (short) -12345), (short) -12345, Short.class, 21),
        new RoundTrip("int4", "integer", (s, i) -> s.setInt(i, Integer.MIN_VALUE), Integer.MIN_VALUE, Integer.class, 23),
        new RoundTrip("int8", "bigint", (s, i) -> s.setLong(i, Long.MAX_VALUE), Long.MAX_VALUE, Long.class, 20),
        new RoundTrip("numeric", "numeric(12,3)", (s, i) -> s.setBigDecimal(i, new BigDecimal("-123456789.125")),
            new BigDecimal("-123456789.125"), BigDecimal.class, 1700),
        new RoundTrip("float4", "real", (s, i) -> s.setFloat(i, 1.25f), 1.25f, Float.class, 700),
        new RoundTrip("float8", "double precision", (s, i) -> s.setDouble(i, 0.1 + 0.2), 0.1 + 0.2, Double.class, 701),
        new RoundTrip("varchar", "varchar(40)", (s, i) -> s.setString(i, "it's ü € \\ \"q\""), "it's ü € \\ \"q\"", String.class, 1043),
        new RoundTrip("text", "text", (s, i) -> s.setString(i, "plain text"), "plain text", String.class, 25),
        new RoundTrip("char", "char(5)", (s, i) -> s.setString(i, "ab"), "ab   ", String.class, 1042),
        new RoundTrip("date", "date", (s, i) -> s.setObject(i, LocalDate.of(2024, 2, 29)), LocalDate.of(2024, 2, 29), LocalDate.class, 1082),
        new RoundTrip("timestamp", "timestamp", (s, i) -> s.setObject(i, LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000)),
            LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000), LocalDateTime.class, 1114),
        new RoundTrip("timestamptz", "timestamptz",
            (s, i) -> s.setObject(i, OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000, ZoneOffset.ofHours(2))),
            OffsetDateTime.of(2024, 2, 29, 11, 14, 15, 500_000_000, ZoneOffset.UTC), OffsetDateTime.class, 1184),
        new RoundTrip("interval", "interval", (s, i) -> s.setObject(i, new PGInterval(0, 0, 3, 4, 5, 6.5)),
            new PGInterval(0, 0, 3, 4, 5, 6.5), PGInterval.class, 1186));

    /** Binary results from the first execution on (prepareThreshold=-1), also for the types PgJDBC reads as text by default. */
    static final Map<String, String> BINARY = Map.of("prepareThreshold", "-1", "binaryTransfer", "true", "binaryTransferEnable", "bool,text,varchar");

    /** Types PgJDBC 42.5 cannot decode in binary (it asks for text even with prepareThreshold=-1). */
    static final java.util.Set<String> TEXT_ONLY = java.util.Set.of("char", "interval");

    final Map<String, String> options;
    int passed;
    final List<String> failed = new ArrayList<>();

    ClientChecks(Map<String, String> options) { this.options = options; }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        options.put("host", env("AW_HOST", "127.0.0.1"));
        options.put("port", env("AW_PORT", "5439"));
        options.put("user", env("AW_USER", "admin"));
        options.put("password", System.getenv("AW_PASSWORD"));
        options.put("database", env("AW_DATABASE", "dev"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (options.get("password") == null) {
            System.err.println("no password: --password or AW_PASSWORD");
            System.exit(2);
        }
        System.exit(new ClientChecks(options).runAll());
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    Connection connect(String password, Map<String, String> extra) throws SQLException {
        String url = "jdbc:postgresql://" + options.get("host") + ":" + options.get("port") + "/" + options.get("database");
        var properties = new Properties();
        properties.setProperty("user", options.get("user"));
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "aw-client-checks-java");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "120");
        extra.forEach(properties::setProperty);
        return DriverManager.getConnection(url, properties);
    }

    Connection connect() throws SQLException { return connect(options.get("password"), Map.of()); }

    void check(String name, Check check) {
        long started = System.nanoTime();
        try {
            check.run();
            passed++;
            System.out.printf("ok   %s (%.2f s)%n", name, (System.nanoTime() - started) / 1e9);
        } catch (Throwable e) {
            failed.add(name);
            String state = e instanceof SQLException sql && sql.getSQLState() != null ? " " + sql.getSQLState() : "";
            System.out.printf("FAIL %s: %s%s: %s%n", name, e.getClass().getSimpleName(), state, String.valueOf(e.getMessage()).strip());
        }
        System.out.flush();
    }

    static void expect(boolean condition, String message) {
        if (!condition) throw new AssertionError(message);
    }

    static void expectEqual(Object expected, Object actual, String what) {
        expect(Objects.equals(expected, actual), what + ": expected " + expected + ", got " + actual);
    }

    static void expectSqlState(Connection connection, String sql, String state) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.executeQuery().close();
        } catch (SQLException e) {
            expectEqual(state, e.getSQLState(), "SQLSTATE of '" + sql + "' (" + e.getMessage() + ")");
            return;
        }
        throw new AssertionError("'" + sql + "' succeeded; expected SQLSTATE " + state);
    }

    /** Reads a column the way an application would, as the Java type of the round trip. */
    static Object read(ResultSet rows, int column, RoundTrip type) throws SQLException {
        return type.javaType() == PGInterval.class ? rows.getObject(column) : rows.getObject(column, type.javaType());
    }

    int runAll() throws Exception {
        Connection[] main = new Connection[1];
        check("connect with SCRAM-SHA-256 password", () -> {
            main[0] = connect();
            expect(main[0].isValid(5), "connection not valid");
        });
        if (main[0] == null) {
            System.out.printf("java: %d passed, %d failed (cannot connect)%n", passed, failed.size() + 1);
            return 1;
        }
        var connection = main[0];

        check("current_database(), current_user, version()", () -> {
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("select current_database(), current_user, version()")) {
                expect(rows.next(), "no row");
                expectEqual(options.get("database"), rows.getString(1), "current_database()");
                expectEqual(options.get("user"), rows.getString(2), "current_user");
                expect(rows.getString(3).contains("PostgreSQL"), "version() should name PostgreSQL: " + rows.getString(3));
            }
        });

        for (var type : ROUND_TRIPS) {
            check("parameter round trip " + type.name() + " (text results)", () -> roundTrip(connection, type, false));
        }

        for (var type : ROUND_TRIPS) {
            // Its own connection per type: a failure that leaves the driver's connection broken stays with that type.
            check("parameter round trip " + type.name() + " (binary results, prepareThreshold=-1)", () -> {
                try (var binary = connect(options.get("password"), BINARY)) {
                    roundTrip(binary, type, true);
                }
            });
        }

        check("insert and select every type through a table", () -> tableRoundTrip(connection));

        check("syntax error gives SQLSTATE 42601", () -> expectSqlState(connection, "selec 1", "42601"));
        check("undefined table gives SQLSTATE 42P01", () -> expectSqlState(connection, "select * from clients_no_such_table", "42P01"));
        check("undefined column gives SQLSTATE 42703",
            () -> expectSqlState(connection, "select no_such_column from clients_java_types", "42703"));
        check("session usable after errors", () -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("select 1 + 1")) {
                expect(rows.next(), "no row");
                expectEqual(2, rows.getInt(1), "result after errors");
            }
        });

        check("wrong password is rejected with 28P01", () -> {
            try (var ignored = connect(options.get("password") + "-wrong", Map.of())) {
                throw new AssertionError("connected with a wrong password");
            } catch (SQLException e) {
                expectEqual("28P01", e.getSQLState(), "SQLSTATE (" + e.getMessage() + ")");
            }
        });

        check("cancel of a long query gives 57014 within 3 s", () -> cancel());

        check("prepared statement reused across executions (unnamed, then named S_n)", () -> {
            try (var statement = connection.createStatement()) {
                statement.execute("drop table if exists clients_java_reuse");
                statement.execute("create table clients_java_reuse (id integer, v integer)");
                statement.execute("insert into clients_java_reuse values (1, 100), (2, 200)");
            }
            try (var statement = connection.prepareStatement("select v + ? from clients_java_reuse where id = ?")) {
                for (int i = 0; i < 10; i++) {
                    statement.setInt(1, i);
                    statement.setInt(2, 1 + i % 2);
                    try (var rows = statement.executeQuery()) {
                        expect(rows.next(), "no row at execution " + i);
                        expectEqual(100L * (1 + i % 2) + i, rows.getLong(1), "execution " + i);
                        expect(!rows.next(), "more than one row");
                    }
                }
            }
        });

        check("batch insert through one prepared statement", () -> {
            try (var statement = connection.createStatement()) {
                statement.execute("drop table if exists clients_java_batch");
                statement.execute("create table clients_java_batch (k integer, v varchar(10))");
            }
            try (var insert = connection.prepareStatement("insert into clients_java_batch values (?, ?)")) {
                for (int i = 0; i < 25; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "v" + i);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                expectEqual(25, counts.length, "batch size");
            }
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("select count(*), sum(k) from clients_java_batch")) {
                expect(rows.next(), "no row");
                expectEqual(25L, rows.getLong(1), "count");
                expectEqual(300L, rows.getLong(2), "sum");
            }
        });

        check("transactions: setAutoCommit(false), rollback, commit", () -> {
            try (var tx = connect()) {
                tx.setAutoCommit(false);
                try (var statement = tx.createStatement()) {
                    statement.executeUpdate("insert into clients_java_batch values (100, 'rolled')");
                    tx.rollback();
                    statement.executeUpdate("insert into clients_java_batch values (101, 'kept')");
                    tx.commit();
                }
            }
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("select k from clients_java_batch where k >= 100 order by k")) {
                expect(rows.next(), "no row");
                expectEqual(101, rows.getInt(1), "kept row");
                expect(!rows.next(), "the rolled-back row is there");
            }
        });

        check("COPY FROM STDIN with CopyManager (text, '|', \\N)", () -> {
            try (var statement = connection.createStatement()) {
                statement.execute("drop table if exists clients_java_copy");
                statement.execute("create table clients_java_copy (id integer, name varchar(20), amount numeric(10,2), day date)");
            }
            var data = new StringBuilder();
            for (int i = 1; i <= 1000; i++) data.append(i).append("|name ").append(i).append('|').append(i).append(".25|2024-01-").append(String.format("%02d", i % 28 + 1)).append('\n');
            data.append("1001|\\N|\\N|\\N\n");
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy clients_java_copy from stdin delimiter '|'", new StringReader(data.toString()));
            expectEqual(1001L, copied, "COPY count");
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("select count(*), sum(amount), count(name), max(day) from clients_java_copy")) {
                expect(rows.next(), "no row");
                expectEqual(1001L, rows.getLong(1), "rows");
                expectEqual(new BigDecimal("500750.00"), rows.getBigDecimal(2), "sum");
                expectEqual(1000L, rows.getLong(3), "non-null names");
                expectEqual(LocalDate.of(2024, 1, 28), rows.getObject(4, LocalDate.class), "max day");
            }
        });

        check("COPY TO STDOUT with CopyManager", () -> {
            var out = new StringWriter();
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (select id, name from clients_java_copy where id in (1, 1001) order by id) to stdout", out);
            expectEqual(2L, copied, "COPY count");
            expectEqual("1\tname 1\n1001\t\\N\n", out.toString(), "COPY text");
        });

        check("DatabaseMetaData.getTables finds the test tables", () -> {
            DatabaseMetaData meta = connection.getMetaData();
            var names = new ArrayList<String>();
            try (var rows = meta.getTables(null, "public", "clients_java%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    expectEqual("public", rows.getString("TABLE_SCHEM"), "schema");
                    expectEqual("TABLE", rows.getString("TABLE_TYPE"), "type");
                    names.add(rows.getString("TABLE_NAME"));
                }
            }
            expectEqual(List.of("clients_java_batch", "clients_java_copy", "clients_java_reuse", "clients_java_types"), names, "tables");
        });

        check("DatabaseMetaData.getColumns describes every column", () -> {
            DatabaseMetaData meta = connection.getMetaData();
            var seen = new ArrayList<String>();
            try (var rows = meta.getColumns(null, "public", "clients_java_types", "%")) {
                while (rows.next()) {
                    String name = rows.getString("COLUMN_NAME");
                    seen.add(name + ":" + rows.getString("TYPE_NAME") + ":" + rows.getInt("DATA_TYPE") + ":" + rows.getInt("ORDINAL_POSITION"));
                    if (name.equals("c_varchar")) expectEqual(40, rows.getInt("COLUMN_SIZE"), "varchar(40) size");
                    if (name.equals("c_numeric")) {
                        expectEqual(12, rows.getInt("COLUMN_SIZE"), "numeric precision");
                        expectEqual(3, rows.getInt("DECIMAL_DIGITS"), "numeric scale");
                    }
                    if (name.equals("id")) expectEqual(DatabaseMetaData.columnNoNulls, rows.getInt("NULLABLE"), "id not null");
                    if (name.equals("c_text")) expectEqual(DatabaseMetaData.columnNullable, rows.getInt("NULLABLE"), "c_text nullable");
                }
            }
            expectEqual(List.of("id:int4:4:1", "c_bool:bool:" + Types.BIT + ":2", "c_int2:int2:5:3", "c_int4:int4:4:4",
                "c_int8:int8:-5:5", "c_numeric:numeric:2:6", "c_float4:float4:7:7", "c_float8:float8:8:8",
                "c_varchar:varchar:12:9", "c_text:text:12:10", "c_char:bpchar:1:11", "c_date:date:91:12",
                "c_timestamp:timestamp:93:13", "c_timestamptz:timestamptz:93:14", "c_interval:interval:1111:15"), seen, "columns");
        });

        check("drop the test tables", () -> {
            try (var statement = connection.createStatement()) {
                for (var table : List.of("clients_java_types", "clients_java_reuse", "clients_java_batch", "clients_java_copy")) {
                    statement.execute("drop table if exists " + table);
                }
            }
        });

        connection.close();
        System.out.printf("java: %d passed, %d failed%n", passed, failed.size());
        if (!failed.isEmpty()) System.out.println("failed: " + String.join("; ", failed));
        return failed.isEmpty() ? 0 : 1;
    }

    void roundTrip(Connection connection, RoundTrip type, boolean expectBinary) throws SQLException {
        // Executed twice: with prepareThreshold=-1 both are binary; by default the second stays text (threshold 5).
        for (int execution = 0; execution < 2; execution++) {
            try (var statement = connection.prepareStatement("select cast(? as " + type.sqlType() + "), cast(? as " + type.sqlType() + ")")) {
                type.binder().bind(statement, 1);
                statement.setNull(2, Types.NULL);
                try (var rows = statement.executeQuery()) {
                    expect(rows.next(), "no row");
                    var meta = rows.getMetaData();
                    expectEqual(type.oid(), oidOf(meta.getColumnTypeName(1), type), "result type of column 1 (" + meta.getColumnTypeName(1) + ")");
                    boolean binary = expectBinary && !TEXT_ONLY.contains(type.name());
                    expectEqual(binary ? 1 : 0, meta.unwrap(PGResultSetMetaData.class).getFormat(1), "result format (1 = binary)");
                    expectEqual(type.expected(), read(rows, 1, type), "value");
                    expect(rows.getObject(2) == null && rows.wasNull(), "NULL came back as " + rows.getObject(2));
                }
            }
        }
    }

    /** The type OID the driver saw, from the type name it reports (PgJDBC maps OIDs to these names). */
    static int oidOf(String typeName, RoundTrip type) {
        return switch (typeName) {
            case "bool" -> 16; case "int2" -> 21; case "int4" -> 23; case "int8" -> 20; case "numeric" -> 1700;
            case "float4" -> 700; case "float8" -> 701; case "varchar" -> 1043; case "text" -> 25; case "bpchar" -> 1042;
            case "date" -> 1082; case "timestamp" -> 1114; case "timestamptz" -> 1184; case "interval" -> 1186;
            default -> -1;
        };
    }

    void tableRoundTrip(Connection connection) throws SQLException {
        var columns = new StringBuilder("id integer not null");
        var marks = new StringBuilder("?");
        for (var type : ROUND_TRIPS) {
            columns.append(", c_").append(type.name()).append(' ').append(type.sqlType());
            marks.append(", ?");
        }
        try (var statement = connection.createStatement()) {
            statement.execute("drop table if exists clients_java_types");
            statement.execute("create table clients_java_types (" + columns + ")");
        }
        try (var insert = connection.prepareStatement("insert into clients_java_types values (" + marks + ")")) {
            insert.setInt(1, 1);
            for (int i = 0; i < ROUND_TRIPS.size(); i++) ROUND_TRIPS.get(i).binder().bind(insert, i + 2);
            expectEqual(1, insert.executeUpdate(), "INSERT count");
            insert.setInt(1, 2);
            for (int i = 0; i < ROUND_TRIPS.size(); i++) insert.setNull(i + 2, Types.NULL);
            expectEqual(1, insert.executeUpdate(), "INSERT of NULLs count");
        }
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("select * from clients_java_types order by id")) {
            expect(rows.next(), "no first row");
            for (int i = 0; i < ROUND_TRIPS.size(); i++) {
                var type = ROUND_TRIPS.get(i);
                expectEqual(type.expected(), read(rows, i + 2, type), "column c_" + type.name());
            }
            expect(rows.next(), "no second row");
            for (int i = 0; i < ROUND_TRIPS.size(); i++) {
                expect(rows.getObject(i + 2) == null, "c_" + ROUND_TRIPS.get(i).name() + " should be NULL");
            }
        }
        try (var query = connection.prepareStatement("select id from clients_java_types where c_varchar = ? and c_date = ? and c_numeric = ?")) {
            ROUND_TRIPS.get(7).binder().bind(query, 1);
            ROUND_TRIPS.get(10).binder().bind(query, 2);
            ROUND_TRIPS.get(4).binder().bind(query, 3);
            try (var rows = query.executeQuery()) {
                expect(rows.next(), "parameters in WHERE matched nothing");
                expectEqual(1, rows.getInt(1), "id");
            }
        }
    }

    void cancel() throws Exception {
        try (var victim = connect(); var statement = victim.createStatement()) {
            var error = new AtomicReference<Throwable>();
            var finished = new AtomicReference<String>();
            var worker = new Thread(() -> {
                try (var rows = statement.executeQuery(LONG_QUERY)) {
                    finished.set("query returned");
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            worker.setDaemon(true);
            worker.start();
            Thread.sleep(1000);
            expect(worker.isAlive(), "the long query ended before the cancel: " + finished.get() + " " + error.get());
            long cancelledAt = System.nanoTime();
            statement.cancel();
            worker.join(10_000);
            expect(!worker.isAlive(), "query still running 10 s after the cancel request");
            double waited = (System.nanoTime() - cancelledAt) / 1e9;
            expect(error.get() instanceof SQLException, "query was not cancelled: " + finished.get() + " " + error.get());
            expectEqual("57014", ((SQLException) error.get()).getSQLState(), "SQLSTATE (" + error.get().getMessage() + ")");
            expect(waited < 3.0, String.format("cancel took %.1f s", waited));
            try (var rows = statement.executeQuery("select 42")) {
                expect(rows.next() && rows.getInt(1) == 42, "cancelled session not usable");
            }
        }
    }
}
