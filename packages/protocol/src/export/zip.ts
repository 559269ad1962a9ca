/**
 * The export zip container: exactly the entries export.bin and export.sig. Written with fflate; read by a
 * small strict zip reader (bounded sizes, CRC-checked, bomb-safe streaming inflate) that throws DecodeError only.
 */
import { Inflate, zipSync } from "fflate";
import { DecodeError, ProtocolError } from "../errors.ts";
import { crc32 } from "./crc32.ts";
import { MAX_EXPORT_BIN_BYTES, MAX_EXPORT_SIG_BYTES, MAX_EXPORT_ZIP_BYTES } from "./types.ts";

/** The two files of a GAEN export archive. */
export interface ExportArchive {
  exportBin: Uint8Array;
  exportSig: Uint8Array;
}

/** Zip entry timestamp: fixed, so the same input always gives the same archive (no clock). */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_LEN = 22;
const MAX_COMMENT = 0xffff;
const MAX_ZIP_ENTRIES = 16;
const INFLATE_CHUNK = 16 * 1024;

/** Writes export.bin and export.sig into a deflated zip (deterministic bytes). */
export function writeExportZip(archive: ExportArchive): Uint8Array {
  if (archive.exportBin.length > MAX_EXPORT_BIN_BYTES) {
    throw new ProtocolError("too_large", "export.bin is larger than the allowed maximum");
  }
  if (archive.exportSig.length > MAX_EXPORT_SIG_BYTES) {
    throw new ProtocolError("too_large", "export.sig is larger than the allowed maximum");
  }
  return zipSync(
    { "export.bin": archive.exportBin, "export.sig": archive.exportSig },
    { level: 6, mtime: ZIP_MTIME },
  );
}

const fail = (code: string, message: string): never => {
  throw new DecodeError(code, `export zip: ${message}`);
};

function u16(b: Uint8Array, o: number): number {
  if (o < 0 || o + 2 > b.length) fail("truncated", "truncated structure");
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  if (o < 0 || o + 4 > b.length) fail("truncated", "truncated structure");
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function sameName(b: Uint8Array, start: number, len: number, name: string): boolean {
  if (len !== name.length || start + len > b.length) return false;
  for (let i = 0; i < len; i++) if (b[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function findEndOfCentralDirectory(zip: Uint8Array): number {
  const lowest = Math.max(0, zip.length - EOCD_LEN - MAX_COMMENT);
  for (let e = zip.length - EOCD_LEN; e >= lowest; e--) {
    if (u32(zip, e) === EOCD_SIG && e + EOCD_LEN + u16(zip, e + 20) <= zip.length) return e;
  }
  return fail("not_zip", "no end-of-central-directory record (not a zip file)");
}

const WANTED = ["export.bin", "export.sig"] as const;

function readCentralDirectory(zip: Uint8Array): { entries: CentralEntry[]; cdStart: number } {
  const e = findEndOfCentralDirectory(zip);
  const count = u16(zip, e + 10);
  const cdSize = u32(zip, e + 12);
  const cdStart = u32(zip, e + 16);
  if (u16(zip, e + 4) !== 0 || u16(zip, e + 6) !== 0 || u16(zip, e + 8) !== count) {
    fail("unsupported", "multi-disk archives are not supported");
  }
  if (count === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) {
    fail("unsupported", "zip64 archives are not supported");
  }
  if (count > MAX_ZIP_ENTRIES) fail("too_many_entries", `more than ${MAX_ZIP_ENTRIES} entries`);
  const cdEnd = cdStart + cdSize;
  if (cdEnd > e) fail("truncated", "central directory overlaps its end record");
  const entries: CentralEntry[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || u32(zip, p) !== CENTRAL_SIG) fail("bad_directory", "bad central directory entry");
    const nameLen = u16(zip, p + 28);
    const next = p + 46 + nameLen + u16(zip, p + 30) + u16(zip, p + 32);
    if (next > cdEnd) fail("bad_directory", "central directory entry runs past the directory");
    const name = WANTED.find((w) => sameName(zip, p + 46, nameLen, w));
    if (name !== undefined) {
      if (entries.some((x) => x.name === name)) fail("duplicate_entry", `duplicate entry ${name}`);
      entries.push({
        name,
        flags: u16(zip, p + 8),
        method: u16(zip, p + 10),
        crc: u32(zip, p + 16),
        compressedSize: u32(zip, p + 20),
        size: u32(zip, p + 24),
        localOffset: u32(zip, p + 42),
      });
    }
    p = next;
  }
  return { entries, cdStart };
}

/** Inflates raw deflate data, aborting as soon as the output would exceed `expected` bytes. */
function inflateBounded(input: Uint8Array, expected: number, name: string): Uint8Array {
  const out = new Uint8Array(expected);
  let n = 0;
  const inflater = new Inflate((chunk) => {
    if (n + chunk.length > expected) fail("size_mismatch", `${name} inflates to more than its declared size`);
    out.set(chunk, n);
    n += chunk.length;
  });
  if (input.length === 0) inflater.push(input, true);
  for (let off = 0; off < input.length; off += INFLATE_CHUNK) {
    const end = Math.min(off + INFLATE_CHUNK, input.length);
    inflater.push(input.subarray(off, end), end === input.length);
  }
  if (n !== expected) fail("size_mismatch", `${name} inflates to fewer bytes than declared`);
  return out;
}

function extract(zip: Uint8Array, entry: CentralEntry, limit: number, cdStart: number): Uint8Array {
  const { name } = entry;
  if (entry.flags & 1) fail("unsupported", `${name} is encrypted`);
  if (entry.size > limit) fail("too_large", `${name} is larger than ${limit} bytes`);
  const lh = entry.localOffset;
  if (lh + 30 > cdStart || u32(zip, lh) !== LOCAL_SIG)
    fail("bad_local_header", `bad local header for ${name}`);
  const nameLen = u16(zip, lh + 26);
  if (!sameName(zip, lh + 30, nameLen, name))
    fail("bad_local_header", `local header name differs for ${name}`);
  const start = lh + 30 + nameLen + u16(zip, lh + 28);
  const end = start + entry.compressedSize;
  if (end > cdStart) fail("truncated", `${name} data runs past the central directory`);
  const raw = zip.subarray(start, end);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) fail("size_mismatch", `stored ${name} has inconsistent sizes`);
    data = new Uint8Array(raw);
  } else if (entry.method === 8) {
    data = inflateBounded(raw, entry.size, name);
  } else {
    data = fail("unsupported", `${name} uses unsupported compression method ${entry.method}`);
  }
  if (crc32(data) !== entry.crc) fail("bad_crc", `${name} fails its CRC-32 check`);
  return data;
}

/** Reads export.bin and export.sig out of an export zip. Throws DecodeError (and nothing else) on bad input. */
export function readExportZip(zip: Uint8Array): ExportArchive {
  try {
    if (!(zip instanceof Uint8Array)) fail("bad_input", "input must be a Uint8Array");
    if (zip.length > MAX_EXPORT_ZIP_BYTES) fail("too_large", `larger than ${MAX_EXPORT_ZIP_BYTES} bytes`);
    if (zip.length < EOCD_LEN) fail("not_zip", "too short to be a zip file");
    const { entries, cdStart } = readCentralDirectory(zip);
    const bin = entries.find((x) => x.name === "export.bin");
    const sig = entries.find((x) => x.name === "export.sig");
    if (bin === undefined) return fail("missing_entry", "no export.bin entry");
    if (sig === undefined) return fail("missing_entry", "no export.sig entry");
    return {
      exportBin: extract(zip, bin, MAX_EXPORT_BIN_BYTES, cdStart),
      exportSig: extract(zip, sig, MAX_EXPORT_SIG_BYTES, cdStart),
    };
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new DecodeError("bad_zip", `export zip: corrupt data (${reason})`);
  }
}
