// SQL of the keys module: signing key rows (active / retired / published) and generated server secrets.
import { and, desc, eq, gt, or, sql } from "drizzle-orm";
import { type Db, rows } from "../platform/db/database.ts";
import type { SigningKeyPurpose } from "./model.ts";
import { serverSecrets, signingKeys } from "./tables.ts";

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/** Serializes key changes of one purpose across processes until the transaction ends. */
export async function lockPurpose(tx: Db, purpose: SigningKeyPurpose): Promise<void> {
  await rows(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`bluezone:signing-keys:${purpose}`}))`);
}

export async function findActiveKey(db: Db, purpose: SigningKeyPurpose): Promise<SigningKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.purpose, purpose), eq(signingKeys.active, true)));
  return row;
}

export async function findKey(
  db: Db,
  purpose: SigningKeyPurpose,
  kid: string,
  version: string,
): Promise<SigningKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.purpose, purpose), eq(signingKeys.kid, kid), eq(signingKeys.version, version)));
  return row;
}

/** Every version already used for this purpose and key id. */
export async function keyVersions(db: Db, purpose: SigningKeyPurpose, kid: string): Promise<string[]> {
  const found = await db
    .select({ version: signingKeys.version })
    .from(signingKeys)
    .where(and(eq(signingKeys.purpose, purpose), eq(signingKeys.kid, kid)));
  return found.map((r) => r.version);
}

/** Retires the active key of a purpose: still published until `notAfter`. */
export async function retireActiveKey(db: Db, purpose: SigningKeyPurpose, notAfter: Date): Promise<void> {
  await db
    .update(signingKeys)
    .set({ active: false, notAfter })
    .where(and(eq(signingKeys.purpose, purpose), eq(signingKeys.active, true)));
}

export async function insertActiveKey(
  db: Db,
  key: {
    purpose: SigningKeyPurpose;
    kid: string;
    version: string;
    publicPem: string;
    privatePem: string | null;
    createdAt: Date;
  },
): Promise<SigningKeyRow> {
  const [row] = await db
    .insert(signingKeys)
    .values({ ...key, active: true, notAfter: null })
    .returning();
  if (!row) throw new Error("signing key insert returned nothing");
  return row;
}

export async function reactivateKey(db: Db, id: number): Promise<void> {
  await db.update(signingKeys).set({ active: true, notAfter: null }).where(eq(signingKeys.id, id));
}

/** The active key and retired keys not yet past `not_after`, newest first. */
export async function publishedKeys(db: Db, purpose: SigningKeyPurpose, now: Date): Promise<SigningKeyRow[]> {
  return db
    .select()
    .from(signingKeys)
    .where(
      and(eq(signingKeys.purpose, purpose), or(eq(signingKeys.active, true), gt(signingKeys.notAfter, now))),
    )
    .orderBy(desc(signingKeys.active), desc(signingKeys.createdAt), desc(signingKeys.id));
}

/** Stores `candidate` under `name` unless a secret exists already; returns the stored one (base64). */
export async function insertOrGetSecret(db: Db, name: string, candidateBase64: string): Promise<string> {
  await db
    .insert(serverSecrets)
    .values({ name, secretBase64: candidateBase64 })
    .onConflictDoNothing({ target: serverSecrets.name });
  const [row] = await db
    .select({ secretBase64: serverSecrets.secretBase64 })
    .from(serverSecrets)
    .where(eq(serverSecrets.name, name));
  if (!row) throw new Error(`server secret ${name} vanished`);
  return row.secretBase64;
}
