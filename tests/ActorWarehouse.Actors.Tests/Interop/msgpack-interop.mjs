// Cross-checks our MessagePack against the reference implementation @msgpack/msgpack.
// Usage: node msgpack-interop.mjs <tests/interop dir> decode   (stdin: hex of our bytes; stdout: canonical description)
//        node msgpack-interop.mjs <tests/interop dir> fixture  (stdout: hex of the reference's bytes, newline, description)
// The canonical description is shared with MessagePackInteropSpec.Describe (C#): integers {"i":"n"}, floats {"f":"x"},
// strings {"s":"utf8 hex"}, binary {"b":"hex"}, arrays [...], maps {"m":[[k,v],...]}, timestamps {"t":"sec:nsec"},
// other extensions {"x":type,"d":"hex"}.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.argv[2], 'package.json'));
const msgpack = require('@msgpack/msgpack');
const { encode, decode, ExtensionCodec, ExtData, encodeTimeSpecToTimestamp, decodeTimestampToTimeSpec } = msgpack;

class TimeSpec { constructor(sec, nsec) { this.sec = sec; this.nsec = nsec; } }

const codec = new ExtensionCodec();
codec.register({
  type: -1,
  encode: (v) => (v instanceof TimeSpec ? encodeTimeSpecToTimestamp({ sec: v.sec, nsec: v.nsec }) : null),
  decode: (data) => { const t = decodeTimestampToTimeSpec(data); return new TimeSpec(t.sec, t.nsec); },
});

const hex = (bytes) => Buffer.from(bytes).toString('hex');

function describe(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return `{"i":"${v.toString()}"}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `{"i":"${v}"}` : `{"f":"${String(v)}"}`;
  if (typeof v === 'string') return `{"s":"${hex(Buffer.from(v, 'utf8'))}"}`;
  if (v instanceof Uint8Array) return `{"b":"${hex(v)}"}`;
  if (v instanceof TimeSpec) return `{"t":"${v.sec}:${v.nsec}"}`;
  if (v instanceof ExtData) return `{"x":${v.type},"d":"${hex(v.data)}"}`;
  if (Array.isArray(v)) return '[' + v.map(describe).join(',') + ']';
  if (v instanceof Map) return '{"m":[' + [...v.entries()].map(([k, x]) => `[${describe(k)},${describe(x)}]`).join(',') + ']}';
  return '{"m":[' + Object.entries(v).map(([k, x]) => `[${describe(k)},${describe(x)}]`).join(',') + ']}';
}

const mode = process.argv[3];
if (mode === 'decode') {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const value = decode(Buffer.from(input.trim(), 'hex'), { extensionCodec: codec, useBigInt64: true });
  process.stdout.write(describe(value));
} else if (mode === 'fixture') {
  const big = {};
  for (let i = 0; i < 20; i++) big['k' + i] = i * 1000;
  const fixture = [
    null, true, false, 0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296n, 9007199254740993n,
    18446744073709551615n, -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649n, -9223372036854775808n,
    1.5, -0.25, 3.14159,
    '', 'hi', 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(300), 'w'.repeat(70000), 'caf\u00e9 \u20ac \u{1F600}',
    new Uint8Array([]), new Uint8Array([1, 2, 3]), new Uint8Array(300).fill(7), new Uint8Array(70000).fill(9),
    [], [1, [2, [3]]], Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 70000 }, () => 1),
    { a: 1, b: 'two', c: [true, null] }, big,
    new TimeSpec(0, 0), new TimeSpec(1700000000, 0), new TimeSpec(1700000000, 123456700), new TimeSpec(-1, 500000000),
    new TimeSpec(17179869184, 100),
    new ExtData(5, new Uint8Array([1])), new ExtData(6, new Uint8Array([1, 2])), new ExtData(7, new Uint8Array(4).fill(4)),
    new ExtData(8, new Uint8Array(8).fill(8)), new ExtData(9, new Uint8Array(16).fill(16)), new ExtData(10, new Uint8Array(3).fill(3)),
    new ExtData(11, new Uint8Array(300).fill(11)),
  ];
  const bytes = encode(fixture, { extensionCodec: codec, useBigInt64: true });
  process.stdout.write(hex(bytes) + '\n' + describe(fixture));
} else {
  process.stderr.write('usage: msgpack-interop.mjs <interop dir> decode|fixture\n');
  process.exit(2);
}
