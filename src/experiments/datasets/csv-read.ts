/**
 * The CSV reader `dataset.kind: csv` and `inspect --data` share: a file as people have it, gzip
 * or plain (told apart by its first bytes, not its name), UTF-8 or UTF-16 with a byte-order mark,
 * laid out by `header` and `skipRows` (csv-table.ts). Problems are ConfigErrors naming the file.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ConfigError } from '../../errors.js';
import { CONFIG_NAMING, csvTable, type CsvLayout, type CsvNaming, type CsvTable } from './csv-table.js';

export { toNumber, type CsvLayout, type CsvNaming, type CsvTable } from './csv-table.js';
export type { CsvRow } from './csv-parse.js';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);

/**
 * Reads the CSV file at `absolutePath` (shown as `file` in messages) into column names and rows.
 * `naming` says how messages name the options (a config's `dataset.header`, or a command's flags).
 */
export function readCsvFile(
  absolutePath: string,
  file: string,
  layout: CsvLayout,
  naming: CsvNaming = CONFIG_NAMING,
): CsvTable {
  return csvTable(decodeCsvBytes(readBytes(absolutePath, file, naming), file, naming), file, layout, naming);
}

function readBytes(absolute: string, file: string, naming: CsvNaming): Buffer {
  try {
    return readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code;
    throw new ConfigError([`${naming.path}: cannot read ${file} (${reason})`]);
  }
}

/** The text of a CSV file's bytes: gunzipped when they start as gzip does, whatever the name. */
function decodeCsvBytes(bytes: Buffer, file: string, naming: CsvNaming = CONFIG_NAMING): string {
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw new ConfigError([`${naming.path}: ${file} is a zip archive; unzip it and give the CSV file inside`]);
  }
  let data = bytes;
  if (startsWith(bytes, GZIP_MAGIC)) {
    try {
      data = gunzipSync(bytes);
    } catch (error) {
      const reason = (error as Error).message;
      throw new ConfigError([`${naming.path}: ${file} starts like a gzip file but does not decompress (${reason})`]);
    }
  }
  // Spreadsheets' "Unicode text" exports are UTF-16 with a byte-order mark.
  const text = data[0] === 0xff && data[1] === 0xfe ? data.subarray(2).toString('utf16le') : data.toString('utf8');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new ConfigError([
      `${naming.path}: ${file} is not text (a zero byte on line ${line}); give a CSV file, plain or gzip-compressed`,
    ]);
  }
  return text;
}
