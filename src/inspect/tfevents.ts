/**
 * TensorBoard scalars in plain JavaScript, for deadUnitsCallback({ tensorboard }): the library may
 * not load tfjs-node (whose summary writer `run --tensorboard` uses). An event file is TFRecord
 * framing (length, masked CRC-32C of the length, the bytes, masked CRC-32C of the bytes) around
 * Event protobufs: a file_version event, then per scalar {wall_time, step, summary {value {tag,
 * simple_value}}}. test/helpers/tfevents.ts reads them back from the same specs.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface Scalar {
  tag: string;
  step: number;
  value: number;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC32C_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 bits, add a constant. */
const masked = (crc: number) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;

function record(data: Uint8Array): Buffer {
  const out = Buffer.alloc(16 + data.length);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(masked(crc32c(out.subarray(0, 8))), 8);
  out.set(data, 12);
  out.writeUInt32LE(masked(crc32c(data)), 12 + data.length);
  return out;
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = BigInt(value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return bytes;
}

const key = (field: number, wireType: number) => varint((field << 3) | wireType);
const bytesField = (field: number, bytes: Uint8Array) => [...key(field, 2), ...varint(bytes.length), ...bytes];

function double(field: number, value: number): number[] {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleLE(value);
  return [...key(field, 1), ...buffer];
}

function float(field: number, value: number): number[] {
  const buffer = Buffer.alloc(4);
  buffer.writeFloatLE(value);
  return [...key(field, 5), ...buffer];
}

function scalarEvent(scalar: Scalar, wallTime: number): Uint8Array {
  const value = [...bytesField(1, new TextEncoder().encode(scalar.tag)), ...float(2, scalar.value)];
  const summary = bytesField(1, Uint8Array.from(value));
  return Uint8Array.from([
    ...double(1, wallTime),
    ...key(2, 0),
    ...varint(scalar.step),
    ...bytesField(5, Uint8Array.from(summary)),
  ]);
}

/** Opens a new event file in `logdir`; the returned function appends scalars to it. */
export function eventFileWriter(logdir: string, now = new Date()): (scalars: readonly Scalar[]) => void {
  mkdirSync(logdir, { recursive: true });
  const seconds = now.getTime() / 1000;
  const file = join(logdir, `events.out.tfevents.${Math.floor(seconds)}.${hostname()}.dead-neurons`);
  const version = Uint8Array.from([...double(1, seconds), ...bytesField(3, new TextEncoder().encode('brain.Event:2'))]);
  writeFileSync(file, record(version));
  return (scalars) => {
    const wallTime = Date.now() / 1000;
    appendFileSync(file, Buffer.concat(scalars.map((scalar) => record(scalarEvent(scalar, wallTime)))));
  };
}
