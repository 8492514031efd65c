// Arrow IPC interop check against the reference JavaScript implementation (apache-arrow).
//   node arrow-interop.mjs <interop dir> read <stream file>   -> prints the stream's schema and values as JSON
//   node arrow-interop.mjs <interop dir> write <stream file>  -> writes a stream with tableToIPC and prints its JSON
// Values are printed as strings so both sides compare exactly: integers and decimals (unscaled) in
// base 10, dates as days since 1970-01-01, timestamps as raw microseconds, intervals as
// "months,days,nanoseconds", NULL as null.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [interopDir, mode, file] = process.argv.slice(2);
const require = createRequire(path.resolve(interopDir, 'package.json'));
const A = require('apache-arrow');

function formatValue(type, chunk, i) {
  if (!chunk.getValid(i)) return null;
  switch (type.typeId) {
    case A.Type.Int: return String(chunk.values[i]);
    case A.Type.Float: return String(chunk.values[i]);
    case A.Type.Bool: return String(A.makeVector(chunk).get(i));
    case A.Type.Utf8: case A.Type.LargeUtf8: return A.makeVector(chunk).get(i);
    case A.Type.Decimal: return String(A.makeVector(chunk).get(i));
    case A.Type.Date: return type.unit === A.DateUnit.DAY ? String(chunk.values[i]) : String(Number(chunk.values[i]) / 86400000);
    case A.Type.Timestamp: return String(chunk.values[i]);
    case A.Type.Interval: {
      const v = chunk.values; // month_day_nano: 4 int32 per value
      const nanos = BigInt.asIntN(64, (BigInt(v[4 * i + 3] >>> 0) << 32n) | BigInt(v[4 * i + 2] >>> 0));
      return `${v[4 * i]},${v[4 * i + 1]},${nanos}`;
    }
    case A.Type.Dictionary: {
      const dictionary = chunk.dictionary.data[0];
      return formatValue(type.dictionary, dictionary, Number(chunk.values[i]));
    }
    case A.Type.Null: return null;
    default: throw new Error('no formatter for ' + type);
  }
}

function describe(table) {
  const schema = table.schema.fields.map(f => ({ name: f.name, type: String(f.type), nullable: f.nullable }));
  const columns = {};
  table.schema.fields.forEach((f, c) => {
    const values = [];
    for (const chunk of table.getChildAt(c).data)
      for (let i = 0; i < chunk.length; i++) values.push(formatValue(chunk.type, chunk, i));
    columns[f.name] = values;
  });
  return { rows: table.numRows, batches: table.batches.length, schema, columns };
}

function vector(type, data, valid) {
  const length = valid.length;
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  valid.forEach((v, i) => { if (v) nullBitmap[i >> 3] |= 1 << (i & 7); else nullCount++; });
  return A.makeVector(A.makeData({ type, length, nullCount, nullBitmap, data }));
}

function referenceTable(offset) {
  const valid = [true, false, true, true];
  return new A.Table({
    i16: vector(new A.Int16(), new Int16Array([-32768, 0, 32767, 7 + offset]), valid),
    i32: vector(new A.Int32(), new Int32Array([-2147483648, 0, 2147483647, 42 + offset]), valid),
    i64: vector(new A.Int64(), new BigInt64Array([-9223372036854775808n, 0n, 9223372036854775807n, BigInt(offset)]), valid),
    u8: vector(new A.Uint8(), new Uint8Array([0, 1, 255, offset]), valid),
    f32: vector(new A.Float32(), new Float32Array([1.5, 0, -2.25, offset]), valid),
    f64: vector(new A.Float64(), new Float64Array([0.1, 0, -1e300, offset + 0.5]), valid),
    b: A.vectorFromArray([true, null, false, offset % 2 === 0], new A.Bool()),
    s: A.vectorFromArray(['héllo', null, '', `row ${offset}`], new A.Utf8()),
    dict: A.vectorFromArray(['red', 'green', null, 'red']),
    dec: vector(new A.Decimal(2, 12, 128), new Uint32Array([12345, 0, 0, 0, 0, 0, 0, 0, 0xfffffe0c, 0xffffffff, 0xffffffff, 0xffffffff, offset, 0, 0, 0]), valid),
    wide: vector(new A.Decimal(4, 38, 128), new Uint32Array([1, 2, 3, 4, 0, 0, 0, 0, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, offset, 0, 0, 0]), valid),
    d: vector(new A.DateDay(), new Int32Array([0, 0, -1, 10227 + offset]), valid),
    ts: vector(new A.Timestamp(A.TimeUnit.MICROSECOND), new BigInt64Array([1700000000123456n, 0n, -1n, BigInt(offset)]), valid),
    tstz: vector(new A.Timestamp(A.TimeUnit.MICROSECOND, 'UTC'), new BigInt64Array([1n, 0n, 1700000000000000n, BigInt(offset)]), valid),
    iv: vector(new A.IntervalMonthDayNano(), new Int32Array([1, 2, 3000, 0, 0, 0, 0, 0, -14, -3, -1000, -1, offset, 0, 0, 0]), valid),
    nul: A.makeVector(A.makeData({ type: new A.Null(), length: 4, nullCount: 4 })),
  });
}

if (mode === 'read') {
  const table = A.tableFromIPC(readFileSync(file));
  console.log(JSON.stringify(describe(table)));
} else if (mode === 'write') {
  const table = referenceTable(0).concat(referenceTable(1));
  writeFileSync(file, A.tableToIPC(table, 'stream'));
  console.log(JSON.stringify(describe(table)));
} else {
  throw new Error('usage: arrow-interop.mjs <interop dir> read|write <file>');
}
