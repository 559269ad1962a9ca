// libsodium sealed boxes in the browser (loaded on demand): door staff seal a visitor record to the health
// authority's public key; the officer opens released records with the private key, which never leaves the page.
import type { AssistedRecord } from "./model.ts";

type Sodium = typeof import("libsodium-wrappers").default;
let loading: Promise<Sodium> | undefined;

async function sodium(): Promise<Sodium> {
  loading ??= import("libsodium-wrappers").then(async (m) => {
    await m.default.ready;
    return m.default;
  });
  return loading;
}

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** crypto_box_seal(JSON of the record) to `publicKey` (base64), as standard base64. */
export async function sealRecord(record: AssistedRecord, publicKey: string): Promise<string> {
  const s = await sodium();
  return toB64(s.crypto_box_seal(new TextEncoder().encode(JSON.stringify(record)), fromB64(publicKey)));
}

/** The public key (base64) of a private key (base64), to check the loaded key matches the server's. */
export async function publicKeyOf(privateKey: string): Promise<string> {
  const s = await sodium();
  return toB64(s.crypto_scalarmult_base(fromB64(privateKey)));
}

/** Opens a sealed record; undefined when it was not sealed to this key (or is not a record). */
export async function openRecord(sealed: string, privateKey: string): Promise<AssistedRecord | undefined> {
  const s = await sodium();
  const priv = fromB64(privateKey);
  try {
    const plain = s.crypto_box_seal_open(fromB64(sealed), s.crypto_scalarmult_base(priv), priv);
    const record = JSON.parse(new TextDecoder().decode(plain)) as AssistedRecord;
    return typeof record.name === "string" && typeof record.phone === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}
