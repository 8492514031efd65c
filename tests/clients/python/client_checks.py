#!/usr/bin/python3
"""psycopg2 (Debian's python3-psycopg2, libpq underneath) against a PostgreSQL-protocol server.

Connection from arguments or the environment: --host/AW_HOST, --port/AW_PORT, --user/AW_USER,
--password/AW_PASSWORD, --database/AW_DATABASE. Prints one line per check ("ok" or "FAIL name: why")
and a summary; exits 1 when any check failed. Run it with /usr/bin/python3 (Debian's psycopg2).
"""
import argparse
import datetime
import io
import os
import sys
import threading
import time
from decimal import Decimal

import psycopg2
import psycopg2.errorcodes
import psycopg2.extensions

# A query that runs for many seconds both on PostgreSQL and on ActorWarehouse (a nested-loop join
# of generated rows with no equality to hash on), so it is still running when the cancel arrives.
LONG_QUERY = ("select count(*) from generate_series(1, 40000) a, generate_series(1, 40000) b "
              "where a.a + b.b = 7")

UTC = datetime.timezone.utc
PLUS2 = datetime.timezone(datetime.timedelta(hours=2))

# (check name, SQL type of the column and cast, Python value, expected type OID of the result)
ROUND_TRIPS = [
    ("bool", "boolean", True, 16),
    ("int2", "smallint", -12345, 21),
    ("int4", "integer", 2147483647, 23),
    ("int8", "bigint", -9223372036854775808, 20),
    ("numeric", "numeric(12,3)", Decimal("-123456789.125"), 1700),
    ("float4", "real", 1.25, 700),
    ("float8", "double precision", 0.1 + 0.2, 701),
    ("varchar", "varchar(40)", "it's ü € \\ \"quoted\"", 1043),
    ("text", "text", "plain text", 25),
    ("char", "char(5)", "ab   ", 1042),
    ("date", "date", datetime.date(2024, 2, 29), 1082),
    ("timestamp", "timestamp", datetime.datetime(2024, 2, 29, 13, 14, 15, 500000), 1114),
    ("timestamptz", "timestamptz", datetime.datetime(2024, 2, 29, 13, 14, 15, 500000, tzinfo=PLUS2), 1184),
    ("interval", "interval", datetime.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=500000), 1186),
]


def options():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("AW_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("AW_PORT", "5439")))
    parser.add_argument("--user", default=os.environ.get("AW_USER", "admin"))
    parser.add_argument("--password", default=os.environ.get("AW_PASSWORD"))
    parser.add_argument("--database", default=os.environ.get("AW_DATABASE", "dev"))
    args = parser.parse_args()
    if args.password is None:
        parser.error("no password: --password or AW_PASSWORD")
    return args


class Checks:
    def __init__(self, args):
        self.args = args
        self.passed = 0
        self.failed = []

    def connect(self, password=None, autocommit=True):
        conn = psycopg2.connect(host=self.args.host, port=self.args.port, user=self.args.user,
                                password=self.args.password if password is None else password,
                                dbname=self.args.database, connect_timeout=10,
                                application_name="aw-client-checks-python")
        conn.autocommit = autocommit
        return conn

    def run(self, name, check):
        started = time.monotonic()
        try:
            check()
        except Exception as e:  # every failure is reported, the next check still runs
            self.failed.append(name)
            detail = getattr(e, "pgcode", None)
            print(f"FAIL {name}: {type(e).__name__}{' ' + detail if detail else ''}: {str(e).strip()}", flush=True)
            return
        self.passed += 1
        print(f"ok   {name} ({time.monotonic() - started:.2f} s)", flush=True)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal(expected, actual, what):
    expect(expected == actual, f"{what}: expected {expected!r}, got {actual!r}")


def expect_sqlstate(conn, sql, sqlstate):
    with conn.cursor() as cur:
        try:
            cur.execute(sql)
        except psycopg2.Error as e:
            expect_equal(sqlstate, e.pgcode, f"SQLSTATE of {sql!r} ({str(e).strip()})")
            return
    raise AssertionError(f"{sql!r} succeeded; expected SQLSTATE {sqlstate}")


def main():
    args = options()
    checks = Checks(args)
    conn = None

    def connect():
        nonlocal conn
        conn = checks.connect()
        expect(conn.server_version > 0, "no server_version")
        expect_equal("UTF8", conn.encoding, "client encoding")

    checks.run("connect with SCRAM-SHA-256 password", connect)
    if conn is None:
        print(f"python: {checks.passed} passed, {len(checks.failed) + 1} failed (cannot connect)")
        return 1

    def session_functions():
        with conn.cursor() as cur:
            cur.execute("select current_database(), current_user, version()")
            database, user, version = cur.fetchone()
            expect_equal(args.database, database, "current_database()")
            expect_equal(args.user, user, "current_user")
            expect("PostgreSQL" in version, f"version() should name PostgreSQL: {version!r}")

    checks.run("current_database(), current_user, version()", session_functions)

    for name, sql_type, value, oid in ROUND_TRIPS:
        def select_parameter(sql_type=sql_type, value=value, oid=oid):
            with conn.cursor() as cur:
                cur.execute(f"select cast(%s as {sql_type}), cast(%s as {sql_type})", (value, None))
                got, null = cur.fetchone()
                expect_equal(oid, cur.description[0].type_code, "result type OID")
                expect_equal(value, got, "value")
                expect_equal(type(value), type(got), "Python type")
                expect(null is None, f"NULL came back as {null!r}")

        checks.run(f"parameter round trip {name}", select_parameter)

    def table_round_trip():
        columns = ", ".join(f"c_{name} {sql_type}" for name, sql_type, _, _ in ROUND_TRIPS)
        values = tuple(value for _, _, value, _ in ROUND_TRIPS)
        with conn.cursor() as cur:
            cur.execute("drop table if exists clients_py_types")
            cur.execute(f"create table clients_py_types (id integer, {columns})")
            placeholders = ", ".join(["%s"] * (len(values) + 1))
            cur.execute(f"insert into clients_py_types values ({placeholders})", (1,) + values)
            expect_equal(1, cur.rowcount, "INSERT row count")
            cur.execute(f"insert into clients_py_types values ({placeholders})", (2,) + (None,) * len(values))
            cur.execute("select * from clients_py_types order by id")
            rows = cur.fetchall()
            expect_equal([r[3] for r in ROUND_TRIPS], [d.type_code for d in cur.description[1:]], "column type OIDs")
            expect_equal((1,) + values, rows[0], "row of values")
            expect_equal((2,) + (None,) * len(values), rows[1], "row of NULLs")
            cur.execute("select c_int4 from clients_py_types where c_varchar = %s and c_date = %s",
                        (ROUND_TRIPS[7][2], ROUND_TRIPS[10][2]))
            expect_equal([(2147483647,)], cur.fetchall(), "parameters in WHERE")

    checks.run("insert and select every type through a table", table_round_trip)

    checks.run("syntax error gives SQLSTATE 42601", lambda: expect_sqlstate(conn, "selec 1", "42601"))
    checks.run("undefined table gives SQLSTATE 42P01",
               lambda: expect_sqlstate(conn, "select * from clients_no_such_table", "42P01"))
    checks.run("undefined column gives SQLSTATE 42703",
               lambda: expect_sqlstate(conn, "select no_such_column from clients_py_types", "42703"))

    def still_usable_after_errors():
        with conn.cursor() as cur:
            cur.execute("select 1 + 1")
            expect_equal((2,), cur.fetchone(), "result after errors")

    checks.run("session usable after errors", still_usable_after_errors)

    def wrong_password():
        try:
            checks.connect(password=args.password + "-wrong").close()
        except psycopg2.OperationalError as e:
            # libpq reports connection failures as text only (no SQLSTATE reaches psycopg2).
            expect(f'password authentication failed for user "{args.user}"' in str(e),
                   f"unexpected message: {str(e).strip()}")
            return
        raise AssertionError("connected with a wrong password")

    checks.run("wrong password is rejected (28P01 message)", wrong_password)

    def cancel():
        victim = checks.connect()
        outcome = {}

        def run_long():
            started = time.monotonic()
            try:
                with victim.cursor() as cur:
                    cur.execute(LONG_QUERY)
                    outcome["result"] = cur.fetchall()
            except psycopg2.Error as e:
                outcome["error"] = e
            outcome["elapsed"] = time.monotonic() - started

        worker = threading.Thread(target=run_long, daemon=True)
        worker.start()
        time.sleep(1.0)
        expect(worker.is_alive(), f"the long query ended before the cancel: {outcome}")
        cancelled_at = time.monotonic()
        victim.cancel()
        worker.join(timeout=10)
        expect(not worker.is_alive(), "query still running 10 s after the cancel request")
        waited = time.monotonic() - cancelled_at
        error = outcome.get("error")
        expect(error is not None, f"query finished instead of being cancelled: {outcome}")
        expect_equal(psycopg2.errorcodes.QUERY_CANCELED, error.pgcode, f"SQLSTATE ({str(error).strip()})")
        expect(waited < 3.0, f"cancel took {waited:.1f} s")
        with victim.cursor() as cur:
            cur.execute("select 42")
            expect_equal((42,), cur.fetchone(), "cancelled session still usable")
        victim.close()

    checks.run("cancel of a long query gives 57014 within 3 s", cancel)

    def prepared_statement():
        with conn.cursor() as cur:
            cur.execute("prepare clients_py_plan (integer) as select c_int2, c_text from clients_py_types where id = $1")
            for _ in range(3):
                cur.execute("execute clients_py_plan (1)")
                expect_equal([(-12345, "plain text")], cur.fetchall(), "EXECUTE id 1")
                cur.execute("execute clients_py_plan (%s)", (2,))
                expect_equal([(None, None)], cur.fetchall(), "EXECUTE id 2")
            cur.execute("deallocate clients_py_plan")

    checks.run("PREPARE / EXECUTE reused / DEALLOCATE", prepared_statement)

    def executemany():
        with conn.cursor() as cur:
            cur.execute("drop table if exists clients_py_many")
            cur.execute("create table clients_py_many (k integer, v varchar(10))")
            cur.executemany("insert into clients_py_many values (%s, %s)", [(i, f"v{i}") for i in range(20)])
            cur.execute("select count(*), sum(k), max(v) from clients_py_many")
            expect_equal((20, 190, "v9"), cur.fetchone(), "rows inserted by executemany")

    checks.run("executemany reuses one statement text", executemany)

    def transaction():
        tx = checks.connect(autocommit=False)
        with tx.cursor() as cur:
            cur.execute("insert into clients_py_many values (100, 'rolled')")
            tx.rollback()
            cur.execute("insert into clients_py_many values (101, 'kept')")
            tx.commit()
            cur.execute("select k from clients_py_many where k >= 100 order by k")
            expect_equal([(101,)], cur.fetchall(), "rows after ROLLBACK then COMMIT")
            tx.rollback()
        tx.close()

    checks.run("BEGIN / ROLLBACK / COMMIT (psycopg2 default transactions)", transaction)

    def copy_in_text():
        with conn.cursor() as cur:
            cur.execute("drop table if exists clients_py_copy")
            cur.execute("create table clients_py_copy (id integer, name varchar(20), amount numeric(10,2), day date)")
            data = "".join(f"{i}|name {i}|{i}.25|2024-01-{i % 28 + 1:02d}\n" for i in range(1, 1001)) + "1001|\\N|\\N|\\N\n"
            cur.copy_expert("copy clients_py_copy from stdin delimiter '|'", io.StringIO(data))
            expect_equal(1001, cur.rowcount, "COPY row count")
            cur.execute("select count(*), sum(amount), count(name), max(day) from clients_py_copy")
            expect_equal((1001, Decimal("500750.00"), 1000, datetime.date(2024, 1, 28)), cur.fetchone(), "loaded rows")

    checks.run("COPY FROM STDIN (text, '|' delimiter, \\N nulls)", copy_in_text)

    def copy_in_csv():
        with conn.cursor() as cur:
            cur.execute("truncate clients_py_copy")
            data = '1,"comma, inside",1.50,2024-02-29\n2,"quote "" inside",2.50,\n'
            cur.copy_expert("copy clients_py_copy from stdin csv", io.StringIO(data))
            cur.execute("select id, name, amount, day from clients_py_copy order by id")
            expect_equal([(1, "comma, inside", Decimal("1.50"), datetime.date(2024, 2, 29)),
                          (2, 'quote " inside', Decimal("2.50"), None)], cur.fetchall(), "CSV rows")

    checks.run("COPY FROM STDIN CSV (quoted fields)", copy_in_csv)

    def copy_out():
        with conn.cursor() as cur:
            out = io.StringIO()
            cur.copy_expert("copy (select id, name from clients_py_copy order by id) to stdout", out)
            expect_equal("1\tcomma, inside\n2\tquote \" inside\n", out.getvalue(), "COPY TO STDOUT text")

    checks.run("COPY (query) TO STDOUT", copy_out)

    def multi_statement():
        with conn.cursor() as cur:
            cur.execute("select 1; select 2 as two")
            expect_equal("two", cur.description[0].name, "last result's column")
            expect_equal([(2,)], cur.fetchall(), "last result")

    checks.run("several statements in one simple query", multi_statement)

    def cleanup():
        with conn.cursor() as cur:
            for table in ("clients_py_types", "clients_py_many", "clients_py_copy"):
                cur.execute(f"drop table if exists {table}")

    checks.run("drop the test tables", cleanup)
    conn.close()

    print(f"python: {checks.passed} passed, {len(checks.failed)} failed")
    if checks.failed:
        print("failed: " + "; ".join(checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
