/**
 * A WebAssembly SIMD module, emitted from this file (no toolchain, no binary blob), that runs SHA-256 on
 * four independent blocks at once (one per i32x4 lane) and HKDF-SHA256 on four 16-byte IKMs per call.
 */

/** Byte offsets in the module's memory; every slot is one v128 per 32-bit word (lane = key). */
export const MEM = {
  /** 4 x v128: IKM words 0..3 (big-endian word values), lane k = key k. Written by the caller. */
  IN: 0,
  /** 4 x v128: output words 0..3 (first 16 bytes of HKDF output). Read by the caller. */
  OUT: 64,
  /** 8 x v128: SHA-256 state that compress4 updates. */
  STATE: 128,
  /** 16 x v128: the message block compress4 consumes. */
  BLOCK: 256,
  /** 8 x v128: saved inner digest. */
  INNER: 512,
  /** 8 x v128: PRK. */
  PRK: 640,
  /** 8 x v128: state after the HMAC(0^32) ipad block (extract, precomputed by the caller). */
  EXTRACT_IPAD: 768,
  /** 8 x v128: state after the HMAC(0^32) opad block. */
  EXTRACT_OPAD: 896,
  /** 16 x v128: the expand block info || 0x01 || padding (precomputed by the caller). */
  EXPAND_BLOCK: 1024,
} as const;

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
export const SHA256_IV = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const IPAD = 0x36363636;
const OPAD = 0x5c5c5c5c;

type Code = number[];

// --- A minimal instruction encoder (only what this module uses). ---
const uleb = (n: number): Code => {
  const out: Code = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
};
const sleb = (n: number): Code => {
  const out: Code = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const simd = (op: number): Code => [0xfd, ...uleb(op)];
const get = (local: number): Code => [0x20, ...uleb(local)];
const set = (local: number): Code => [0x21, ...uleb(local)];
const i32 = (v: number): Code => [0x41, ...sleb(v)];
const call = (fn: number): Code => [0x10, ...uleb(fn)];
const splat = (v: number): Code => [...i32(v), ...simd(0x11)];
const op2 =
  (opcode: number) =>
  (x: Code, y: Code): Code => [...x, ...y, ...simd(opcode)];
const or = op2(0x50);
const xor = op2(0x51);
const add = op2(0xae); // i32x4.add
const shl = (x: Code, n: number): Code => [...x, ...i32(n), ...simd(0xab)];
const shr = (x: Code, n: number): Code => [...x, ...i32(n), ...simd(0xad)];
const rotr = (x: Code, n: number): Code => or(shr(x, n), shl(x, 32 - n));
/** (v1 & mask) | (v2 & ~mask) */
const bitselect = (v1: Code, v2: Code, mask: Code): Code => [...v1, ...v2, ...mask, ...simd(0x52)];
const load = (addr: number): Code => [...i32(0), ...simd(0x00), 4, ...uleb(addr)];
const store = (addr: number, value: Code): Code => [...i32(0), ...value, ...simd(0x0b), 4, ...uleb(addr)];
const slot = (base: number, word: number) => base + word * 16;

/** compress4(): STATE += SHA-256 compression of BLOCK, per lane. Locals 0..7 = a..h, 8..71 = W[0..63]. */
function compress4Body(): Code {
  const A = 0;
  const W = 8;
  const code: Code = [];
  for (let i = 0; i < 8; i++) code.push(...load(slot(MEM.STATE, i)), ...set(A + i));
  for (let i = 0; i < 16; i++) code.push(...load(slot(MEM.BLOCK, i)), ...set(W + i));
  for (let i = 16; i < 64; i++) {
    const x = get(W + i - 15);
    const y = get(W + i - 2);
    const s0 = xor(xor(rotr(x, 7), rotr(x, 18)), shr(x, 3));
    const s1 = xor(xor(rotr(y, 17), rotr(y, 19)), shr(y, 10));
    code.push(...add(add(add(get(W + i - 16), s0), get(W + i - 7)), s1), ...set(W + i));
  }
  // Working variables are renamed each round instead of moved: r[k] is the local holding variable k.
  let r = [0, 1, 2, 3, 4, 5, 6, 7];
  for (let i = 0; i < 64; i++) {
    const [a, b, c, d, e, f, g, h] = r.map((x) => A + x) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const S1 = xor(xor(rotr(get(e), 6), rotr(get(e), 11)), rotr(get(e), 25));
    const ch = bitselect(get(f), get(g), get(e));
    const t1 = add(add(add(add(get(h), S1), ch), splat(K[i]!)), get(W + i));
    const S0 = xor(xor(rotr(get(a), 2), rotr(get(a), 13)), rotr(get(a), 22));
    const maj = bitselect(get(c), get(a), xor(get(a), get(b)));
    code.push(...t1, ...set(h)); // h := t1
    code.push(...add(get(d), get(h)), ...set(d)); // d += t1
    code.push(...add(get(h), add(S0, maj)), ...set(h)); // h := t1 + t2 (the new a)
    r = [r[7]!, r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, r[6]!];
  }
  for (let i = 0; i < 8; i++)
    code.push(...store(slot(MEM.STATE, i), add(load(slot(MEM.STATE, i)), get(A + r[i]!))));
  return code;
}

const copy = (from: number, to: number, words: number): Code =>
  Array.from({ length: words }, (_, i) => store(slot(to, i), load(slot(from, i)))).flat();
const fill = (to: number, fromWord: number, toWord: number, value: number): Code =>
  Array.from({ length: toWord - fromWord }, (_, i) => store(slot(to, fromWord + i), splat(value))).flat();

/** Block = 8-word digest at `from` || 0x80 || zeros || bit length of a 96-byte message. */
const digestBlock = (from: number): Code => [
  ...copy(from, MEM.BLOCK, 8),
  ...fill(MEM.BLOCK, 8, 9, 0x80000000),
  ...fill(MEM.BLOCK, 9, 15, 0),
  ...fill(MEM.BLOCK, 15, 16, (64 + 32) * 8),
];
/** Block = PRK xor pad (words 0..7) || pad (words 8..15); state = IV. */
const prkPadBlock = (pad: number): Code => [
  ...Array.from({ length: 8 }, (_, i) => store(slot(MEM.STATE, i), splat(SHA256_IV[i]!))).flat(),
  ...Array.from({ length: 8 }, (_, i) =>
    store(slot(MEM.BLOCK, i), xor(load(slot(MEM.PRK, i)), splat(pad))),
  ).flat(),
  ...fill(MEM.BLOCK, 8, 16, pad),
];

/** hkdf4(): OUT = first 16 bytes of HKDF-SHA256(IN, salt none, info) for 4 lanes (function 0 = compress4). */
function hkdf4Body(): Code {
  return [
    // Extract, inner: state(0^32 ^ ipad) + block(IKM(16) || 0x80 || 0.. || len 80 bytes).
    ...copy(MEM.EXTRACT_IPAD, MEM.STATE, 8),
    ...copy(MEM.IN, MEM.BLOCK, 4),
    ...fill(MEM.BLOCK, 4, 5, 0x80000000),
    ...fill(MEM.BLOCK, 5, 15, 0),
    ...fill(MEM.BLOCK, 15, 16, (64 + 16) * 8),
    ...call(0),
    ...copy(MEM.STATE, MEM.INNER, 8),
    // Extract, outer: PRK.
    ...copy(MEM.EXTRACT_OPAD, MEM.STATE, 8),
    ...digestBlock(MEM.INNER),
    ...call(0),
    ...copy(MEM.STATE, MEM.PRK, 8),
    // Expand T(1) = HMAC(PRK, info || 0x01): inner.
    ...prkPadBlock(IPAD),
    ...call(0),
    ...copy(MEM.EXPAND_BLOCK, MEM.BLOCK, 16),
    ...call(0),
    ...copy(MEM.STATE, MEM.INNER, 8),
    // Outer.
    ...prkPadBlock(OPAD),
    ...call(0),
    ...digestBlock(MEM.INNER),
    ...call(0),
    ...copy(MEM.STATE, MEM.OUT, 4),
  ];
}

/** The module: exports compress4 (fn 0), hkdf4 (fn 1) and one page of memory "memory". */
export function buildSha256x4Module(): Uint8Array {
  const section = (id: number, bytes: Code): Code => [id, ...uleb(bytes.length), ...bytes];
  const fnBody = (locals: Code, code: Code): Code => {
    const body = [...locals, ...code, 0x0b];
    return [...uleb(body.length), ...body];
  };
  const name = (s: string): Code => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
  const compress = fnBody([1, ...uleb(72), 0x7b], compress4Body()); // 72 v128 locals
  const hkdf = fnBody([0], hkdf4Body());
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 0, 0]), // one type: () -> ()
    ...section(3, [2, 0, 0]), // two functions of type 0
    ...section(5, [1, 0, 1]), // memory: min 1 page
    ...section(7, [3, ...name("compress4"), 0, 0, ...name("hkdf4"), 0, 1, ...name("memory"), 2, 0]),
    ...section(10, [2, ...compress, ...hkdf]),
  ]);
}
