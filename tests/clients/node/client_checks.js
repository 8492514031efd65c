// node-postgres (npm `pg`, installed in tests/interop) against a PostgreSQL-protocol server.
//
//   node tests/clients/node/client_checks.js [--host H] [--port P] [--user U] [--password PW] [--database D]
//
// Missing options come from AW_HOST, AW_PORT, AW_USER, AW_PASSWORD, AW_DATABASE. Prints one line per check
// ("ok" or "FAIL name: why") and a summary; exits 1 when any check failed.
'use strict';

process.env.TZ = 'UTC'; // pg turns timestamps into local Dates: make "local" UTC before any Date exists

const net = require('net');
const path = require('path');
const { Readable } = require('stream');
const { pipeline } = require('stream/promises');
const interop = require('module').createRequire(path.resolve(__dirname, '../../interop/package.json'));
const { Client } = interop('pg');

// Runs for many seconds on PostgreSQL and on ActorWarehouse (nested loop without an equality to hash on).
const LONG_QUERY = 'select count(*) from generate_series(1, 40000) a, generate_series(1, 40000) b where a.a + b.b = 7';

function options() {
  const o = {
    host: process.env.AW_HOST || '127.0.0.1',
    port: Number(process.env.AW_PORT || 5439),
    user: process.env.AW_USER || 'admin',
    password: process.env.AW_PASSWORD,
    database: process.env.AW_DATABASE || 'dev',
  };
  const args = process.argv.slice(2);
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (!args[i].startsWith('--')) throw new Error(`unexpected argument ${args[i]}`);
    const name = args[i].slice(2);
    o[name] = name === 'port' ? Number(args[i + 1]) : args[i + 1];
  }
  if (o.password === undefined) {
    console.error('no password: --password or AW_PASSWORD');
    process.exit(2);
  }
  return o;
}

const settings = options();
let passed = 0;
const failed = [];

async function connect(password = settings.password) {
  const client = new Client({ ...settings, password, application_name: 'aw-client-checks-node', connectionTimeoutMillis: 10000 });
  await client.connect();
  return client;
}

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(2)} s)`);
  } catch (e) {
    failed.push(name);
    console.log(`FAIL ${name}: ${e.name}${e.code ? ' ' + e.code : ''}: ${String(e.message).trim()}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectEqual(expected, actual, what) {
  const e = JSON.stringify(expected, bigintText);
  const a = JSON.stringify(actual, bigintText);
  expect(e === a, `${what}: expected ${e}, got ${a}`);
}

function bigintText(_key, value) {
  return typeof value === 'bigint' ? `${value}n` : value;
}

// CancelRequest on a new socket (what pg's Client#cancel sends): length 16, code 80877102, pid, secret.
function sendCancelRequest(processId, secretKey) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(settings.port, settings.host, () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(80877102, 4);
      packet.writeInt32BE(processId, 8);
      packet.writeInt32BE(secretKey, 12);
      socket.end(packet);
    });
    socket.on('error', reject);
    socket.on('close', resolve);
  });
}

async function expectSqlState(client, sql, code) {
  try {
    await client.query(sql);
  } catch (e) {
    expectEqual(code, e.code, `SQLSTATE of '${sql}' (${e.message})`);
    return;
  }
  throw new Error(`'${sql}' succeeded; expected SQLSTATE ${code}`);
}

// Decoders of PostgreSQL's binary formats (pgwire-notes 1.8), written here so the checks see exact values.
const PG_EPOCH_DAYS = 10957; // 2000-01-01 in days since 1970-01-01
const binaryDecoders = {
  16: (b) => b.readUInt8(0) !== 0,
  21: (b) => b.readInt16BE(0),
  23: (b) => b.readInt32BE(0),
  20: (b) => b.readBigInt64BE(0),
  700: (b) => b.readFloatBE(0),
  701: (b) => b.readDoubleBE(0),
  25: (b) => b.toString('utf8'),
  1043: (b) => b.toString('utf8'),
  1042: (b) => b.toString('utf8'),
  1082: (b) => new Date((b.readInt32BE(0) + PG_EPOCH_DAYS) * 86400000).toISOString().slice(0, 10),
  1114: (b) => microsToIso(b.readBigInt64BE(0)),
  1184: (b) => microsToIso(b.readBigInt64BE(0)),
  1186: (b) => ({ micros: b.readBigInt64BE(0), days: b.readInt32BE(8), months: b.readInt32BE(12) }),
  1700: decodeNumeric,
};

function microsToIso(micros) {
  const ms = micros / 1000n + BigInt(PG_EPOCH_DAYS) * 86400000n;
  const rest = Number(((micros % 1000n) + 1000n) % 1000n);
  return new Date(Number(ms)).toISOString().replace('Z', String(rest).padStart(3, '0'));
}

function decodeNumeric(b) {
  const count = b.readInt16BE(0);
  const weight = b.readInt16BE(2);
  const sign = b.readUInt16BE(4);
  const scale = b.readInt16BE(6);
  if (sign === 0xc000) return 'NaN';
  let integer = '';
  let fraction = '';
  for (let i = 0; i < count; i++) {
    const group = String(b.readInt16BE(8 + 2 * i)).padStart(4, '0');
    if (i <= weight) integer += group;
    else fraction += group;
  }
  for (let i = count; i <= weight; i++) integer += '0000';
  if (weight < -1) fraction = '0000'.repeat(-1 - weight) + fraction;
  integer = integer.replace(/^0+/, '') || '0';
  fraction = (fraction + '0'.repeat(scale)).slice(0, scale);
  return (sign === 0x4000 ? '-' : '') + integer + (scale > 0 ? '.' + fraction : '');
}

const binaryTypes = {
  getTypeParser(oid, format) {
    if (format !== 'binary') throw new Error(`type ${oid} came back as text in a binary query`);
    const decoder = binaryDecoders[oid];
    if (!decoder) throw new Error(`no binary decoder for type OID ${oid}`);
    return decoder;
  },
};

// [name, SQL type, parameter value, value expected from a text result, type OID]
const ROUND_TRIPS = [
  ['bool', 'boolean', true, true, 16],
  ['int2', 'smallint', -12345, -12345, 21],
  ['int4', 'integer', 2147483647, 2147483647, 23],
  ['int8', 'bigint', '-9223372036854775808', '-9223372036854775808', 20],
  ['numeric', 'numeric(12,3)', '-123456789.125', '-123456789.125', 1700],
  ['float4', 'real', 1.25, 1.25, 700],
  ['float8', 'double precision', 0.1 + 0.2, 0.1 + 0.2, 701],
  ['varchar', 'varchar(40)', 'it\'s ü € \\ "q"', 'it\'s ü € \\ "q"', 1043],
  ['text', 'text', 'plain text', 'plain text', 25],
  ['char', 'char(5)', 'ab', 'ab   ', 1042],
  ['date', 'date', '2024-02-29', '2024-02-29', 1082],
  ['timestamp', 'timestamp', '2024-02-29 13:14:15.5', '2024-02-29T13:14:15.500Z', 1114],
  ['timestamptz', 'timestamptz', '2024-02-29 13:14:15.5+02', '2024-02-29T11:14:15.500Z', 1184],
  ['interval', 'interval', '3 days 04:05:06.5', { days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 500 }, 1186],
];

// node-postgres asks for binary results but decodes every field as UTF-8 text before handing it over
// (pg-protocol has no binary mode), so a byte >= 0x80 is lost. These values have binary encodings made of
// bytes below 0x80 only: the exact bytes the server sends still reach the decoders above.
// [name, SQL type, parameter value, value the binary decoder must produce, type OID]
const BINARY_ROUND_TRIPS = [
  ['bool', 'boolean', true, true, 16],
  ['int2', 'smallint', 12345, 12345, 21], // 0x3039
  ['int4', 'integer', 305419896, 305419896, 23], // 0x12345678
  ['int8', 'bigint', '72623859790382856', 72623859790382856n, 20], // 0x0102030405060708
  ['numeric', 'numeric(12,4)', '-12.0050', '-12.0050', 1700], // 2 digits, weight 0, sign 0x4000, scale 4: 12, 50
  ['float4', 'real', 2.5, 2.5, 700], // 0x40200000
  ['float8', 'double precision', 2.5, 2.5, 701], // 0x4004000000000000
  ['varchar', 'varchar(40)', 'it\'s ü € \\ "q"', 'it\'s ü € \\ "q"', 1043],
  ['text', 'text', 'plain text', 'plain text', 25],
  ['char', 'char(5)', 'ab', 'ab   ', 1042],
  ['date', 'date', '2024-02-29', '2024-02-29', 1082], // 8825 days
  ['timestamp', 'timestamp', '2008-12-27 09:55:52.306183', '2008-12-27T09:55:52.306183', 1114], // 0x0001020304050607 µs
  ['timestamptz', 'timestamptz', '2008-12-27 11:55:52.306183+02', '2008-12-27T09:55:52.306183', 1184],
  ['interval', 'interval', '2 mons 3 days 01:12:08.719365', { micros: 4328719365n, days: 3, months: 2 }, 1186],
];

function textValue(value, oid) {
  if (value === null) return null;
  if (oid === 1082) return value instanceof Date ? value.toISOString().slice(0, 10) : value; // pg parses date as a local Date
  if (value instanceof Date) return value.toISOString();
  if (oid === 1186) return { ...value };
  return value;
}

async function main() {
  let client;
  await check('connect with SCRAM-SHA-256 password', async () => {
    client = await connect();
  });
  if (!client) {
    console.log(`node: ${passed} passed, ${failed.length + 1} failed (cannot connect)`);
    return 1;
  }

  await check('current_database(), current_user, version()', async () => {
    const r = await client.query('select current_database() as db, current_user as u, version() as v');
    expectEqual(settings.database, r.rows[0].db, 'current_database()');
    expectEqual(settings.user, r.rows[0].u, 'current_user');
    expect(/PostgreSQL/.test(r.rows[0].v), `version() should name PostgreSQL: ${r.rows[0].v}`);
  });

  for (const [name, sqlType, value, expectedText, oid] of ROUND_TRIPS) {
    await check(`parameter round trip ${name} (text results, untyped parameters)`, async () => {
      const r = await client.query(`select cast($1 as ${sqlType}) as v, cast($2 as ${sqlType}) as n`, [value, null]);
      expectEqual(oid, r.fields[0].dataTypeID, 'result type OID');
      expectEqual(0, r.fields[0].format === 'binary' ? 1 : 0, 'format');
      expectEqual(expectedText, textValue(r.rows[0].v, oid), 'value');
      expectEqual(null, r.rows[0].n, 'NULL');
    });
  }

  for (const [name, sqlType, value, expectedBinary, oid] of BINARY_ROUND_TRIPS) {
    await check(`parameter round trip ${name} (binary results)`, async () => {
      const r = await client.query({
        text: `select cast($1 as ${sqlType}) as v, cast($2 as ${sqlType}) as n`,
        values: [value, null],
        binary: true,
        types: binaryTypes,
      });
      expectEqual(oid, r.fields[0].dataTypeID, 'result type OID');
      expectEqual('binary', r.fields[0].format, 'format');
      expectEqual(expectedBinary, r.rows[0].v, 'value');
      expectEqual(null, r.rows[0].n, 'NULL');
    });
  }

  await check('insert and select every type through a table (parameter types inferred from columns)', async () => {
    await client.query('drop table if exists clients_node_types');
    await client.query(`create table clients_node_types (id integer, ${ROUND_TRIPS.map(([n, t]) => `c_${n} ${t}`).join(', ')})`);
    const marks = ROUND_TRIPS.map((_, i) => `$${i + 2}`).join(', ');
    const inserted = await client.query(`insert into clients_node_types values ($1, ${marks})`, [1, ...ROUND_TRIPS.map((r) => r[2])]);
    expectEqual(1, inserted.rowCount, 'INSERT row count');
    await client.query(`insert into clients_node_types values ($1, ${marks})`, [2, ...ROUND_TRIPS.map(() => null)]);
    const r = await client.query('select * from clients_node_types order by id');
    expectEqual(ROUND_TRIPS.map((t) => t[4]), r.fields.slice(1).map((f) => f.dataTypeID), 'column type OIDs');
    ROUND_TRIPS.forEach(([name, , , expectedText, oid]) => expectEqual(expectedText, textValue(r.rows[0][`c_${name}`], oid), `c_${name}`));
    ROUND_TRIPS.forEach(([name]) => expectEqual(null, r.rows[1][`c_${name}`], `c_${name} NULL`));
    const where = await client.query('select id from clients_node_types where c_varchar = $1 and c_date = $2 and c_numeric = $3',
      [ROUND_TRIPS[7][2], ROUND_TRIPS[10][2], ROUND_TRIPS[4][2]]);
    expectEqual([{ id: 1 }], where.rows, 'parameters in WHERE');
  });

  await check('syntax error gives SQLSTATE 42601', () => expectSqlState(client, 'selec 1', '42601'));
  await check('undefined table gives SQLSTATE 42P01', () => expectSqlState(client, 'select * from clients_no_such_table', '42P01'));
  await check('undefined column gives SQLSTATE 42703', () => expectSqlState(client, 'select no_such_column from clients_node_types', '42703'));
  await check('extended-protocol error gives its SQLSTATE', async () => {
    try {
      await client.query('select no_such_column from clients_node_types where id = $1', [1]);
    } catch (e) {
      expectEqual('42703', e.code, `SQLSTATE (${e.message})`);
      return;
    }
    throw new Error('succeeded; expected 42703');
  });
  await check('session usable after errors', async () => {
    const r = await client.query('select 1 + 1 as two');
    expectEqual([{ two: 2 }], r.rows, 'result after errors');
  });

  await check('wrong password is rejected with 28P01', async () => {
    let other;
    try {
      other = await connect(settings.password + '-wrong');
    } catch (e) {
      expectEqual('28P01', e.code, `SQLSTATE (${e.message})`);
      return;
    }
    await other.end();
    throw new Error('connected with a wrong password');
  });

  await check('cancel of a long query gives 57014 within 3 s', async () => {
    const victim = await connect();
    try {
      let outcome = null;
      const query = victim.query(LONG_QUERY).then((r) => { outcome = { rows: r.rows }; }, (e) => { outcome = { error: e }; });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(outcome === null, `the long query ended before the cancel: ${JSON.stringify(outcome)}`);
      const cancelledAt = Date.now();
      await sendCancelRequest(victim.processID, victim.secretKey);
      const timeout = new Promise((resolve) => setTimeout(resolve, 10000));
      await Promise.race([query, timeout]);
      const waited = (Date.now() - cancelledAt) / 1000;
      expect(outcome !== null, 'query still running 10 s after the cancel request');
      expect(outcome.error, `query finished instead of being cancelled: ${JSON.stringify(outcome.rows)}`);
      expectEqual('57014', outcome.error.code, `SQLSTATE (${outcome.error.message})`);
      expect(waited < 3, `cancel took ${waited.toFixed(1)} s`);
      const after = await victim.query('select 42 as v');
      expectEqual([{ v: 42 }], after.rows, 'cancelled session still usable');
    } finally {
      await victim.end().catch(() => {});
    }
  });

  await check('named prepared statement reused across executions', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await client.query({ name: 'clients_node_by_id', text: 'select c_int2 + $2 as v from clients_node_types where id = $1', values: [1, i] });
      expectEqual([{ v: -12345 + i }], r.rows, `execution ${i}`);
    }
    const r = await client.query({ name: 'clients_node_by_id', text: 'select c_int2 + $2 as v from clients_node_types where id = $1', values: [2, 0] });
    expectEqual([{ v: null }], r.rows, 'NULL row');
  });

  await check('COPY FROM STDIN with pg-copy-streams (text, \'|\', \\N)', async () => {
    const { from } = interop('pg-copy-streams');
    await client.query('drop table if exists clients_node_copy');
    await client.query('create table clients_node_copy (id integer, name varchar(20), amount numeric(10,2), day date)');
    const lines = [];
    for (let i = 1; i <= 1000; i++) lines.push(`${i}|name ${i}|${i}.25|2024-01-${String((i % 28) + 1).padStart(2, '0')}\n`);
    lines.push('1001|\\N|\\N|\\N\n');
    const stream = client.query(from("copy clients_node_copy from stdin delimiter '|'"));
    await pipeline(Readable.from(lines), stream);
    expectEqual(1001, stream.rowCount, 'COPY count');
    const r = await client.query('select count(*) as n, sum(amount) as total, count(name) as names, max(day) as last from clients_node_copy');
    expectEqual('1001', r.rows[0].n, 'rows');
    expectEqual('500750.00', r.rows[0].total, 'sum');
    expectEqual('1000', r.rows[0].names, 'non-null names');
    expectEqual('2024-01-28', textValue(r.rows[0].last, 1082), 'max day');
  });

  await check('drop the test tables', async () => {
    await client.query('drop table if exists clients_node_types');
    await client.query('drop table if exists clients_node_copy');
  });

  await client.end();
  console.log(`node: ${passed} passed, ${failed.length} failed`);
  if (failed.length) console.log(`failed: ${failed.join('; ')}`);
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.log(`FAIL unexpected: ${e.stack}`);
  process.exit(1);
});
