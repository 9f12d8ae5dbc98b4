/**
 * A small reader of TensorBoard event files, written from the formats' specs so the test depends
 * on neither TensorFlow nor Python: TFRecord framing (length, masked CRC-32C of the length, data,
 * masked CRC-32C of the data; both checked), then the Event and Summary protobufs decoded by hand
 * (only the fields scalars use).
 */
import { readFileSync } from 'node:fs';

export interface ScalarEvent {
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

/** TFRecord's masking of a CRC: rotate right by 15 bits and add a constant. */
function masked(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** The records of a TFRecord file; throws on a bad checksum or a truncated record. */
export function tfRecords(path: string): Uint8Array[] {
  const buffer = readFileSync(path);
  const records: Uint8Array[] = [];
  for (let at = 0; at < buffer.length;) {
    if (at + 12 > buffer.length) throw new Error(`${path}: truncated record header at byte ${at}`);
    const length = Number(buffer.readBigUInt64LE(at));
    if (buffer.readUInt32LE(at + 8) !== masked(crc32c(buffer.subarray(at, at + 8))))
      throw new Error(`${path}: bad length checksum at byte ${at}`);
    const data = buffer.subarray(at + 12, at + 12 + length);
    if (data.length !== length || at + 16 + length > buffer.length)
      throw new Error(`${path}: truncated record at byte ${at}`);
    if (buffer.readUInt32LE(at + 12 + length) !== masked(crc32c(data)))
      throw new Error(`${path}: bad data checksum at byte ${at}`);
    records.push(data);
    at += 16 + length;
  }
  return records;
}

interface Field {
  number: number;
  wireType: number;
  /** Varints as bigint; fixed64/fixed32 as the raw bytes; length-delimited as the bytes. */
  value: bigint | Uint8Array;
}

function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[at++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wireType = key & 7;
    if (wireType === 0) out.push({ number, wireType, value: varint() });
    else if (wireType === 1) {
      out.push({ number, wireType, value: bytes.subarray(at, at + 8) });
      at += 8;
    } else if (wireType === 5) {
      out.push({ number, wireType, value: bytes.subarray(at, at + 4) });
      at += 4;
    } else if (wireType === 2) {
      const length = Number(varint());
      out.push({ number, wireType, value: bytes.subarray(at, at + length) });
      at += length;
    } else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
  return out;
}

const float32 = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);

/** The scalar of a Summary.Value: simple_value (2), or a float tensor (8: float_val 5 or tensor_content 4). */
function scalarOf(valueFields: Field[]): number | null {
  const simple = valueFields.find((field) => field.number === 2 && field.wireType === 5);
  if (simple) return float32(simple.value as Uint8Array);
  const tensor = valueFields.find((field) => field.number === 8);
  if (!tensor) return null;
  const tensorFields = fields(tensor.value as Uint8Array);
  const floatVal = tensorFields.find((field) => field.number === 5);
  if (floatVal) return float32(floatVal.value as Uint8Array);
  const content = tensorFields.find((field) => field.number === 4);
  return content ? float32(content.value as Uint8Array) : null;
}

/** Every scalar in an event file, in file order. */
export function readScalars(path: string): ScalarEvent[] {
  const scalars: ScalarEvent[] = [];
  for (const record of tfRecords(path)) {
    const event = fields(record);
    const step = Number((event.find((field) => field.number === 2)?.value as bigint | undefined) ?? 0n);
    const summary = event.find((field) => field.number === 5);
    if (!summary) continue;
    for (const value of fields(summary.value as Uint8Array).filter((field) => field.number === 1)) {
      const valueFields = fields(value.value as Uint8Array);
      const tag = new TextDecoder().decode(valueFields.find((field) => field.number === 1)?.value as Uint8Array);
      const scalar = scalarOf(valueFields);
      if (scalar !== null) scalars.push({ tag, step, value: scalar });
    }
  }
  return scalars;
}
