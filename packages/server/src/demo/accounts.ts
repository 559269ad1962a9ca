// Demo accounts for `npm start`: created on first start with random passwords, which are kept in
// DATA_DIR/demo-accounts.json (mode 0600, local demo only) so they can be printed on every start.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createAccount } from "../auth/index.ts";
import type { Role } from "../auth/model.ts";
import { findAccountByUsername } from "../auth/store.ts";
import type { Db } from "../platform/db/database.ts";

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  unitCode: string | null;
  description: string;
}

/** The demo officials: one per role, scoped to Hà Nội (province code 01) where a unit is needed. */
export const DEMO_ACCOUNT_SPECS: readonly Omit<DemoAccount, "password">[] = [
  { username: "national", role: "national", unitCode: null, description: "Bộ Y tế / national view" },
  { username: "hanoi", role: "province", unitCode: "01", description: "Sở TTTT Hà Nội / province officer" },
  {
    username: "badinh",
    role: "commune",
    unitCode: "00004",
    description: "UBND phường Ba Đình / commune officer",
  },
  {
    username: "health",
    role: "health_authority",
    unitCode: "01",
    description: "CDC Hà Nội / health authority: issues verification codes",
  },
];

/** A password that is easy to type from a terminal: 4 groups of 4 from an unambiguous alphabet. */
export function demoPassword(random: (n: number) => Uint8Array = randomBytes): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = random(16);
  let out = "";
  for (let i = 0; i < 16; i++) {
    out += alphabet[(bytes[i] ?? 0) % alphabet.length];
    if (i % 4 === 3 && i < 15) out += "-";
  }
  return out;
}

async function readSaved(file: string): Promise<DemoAccount[]> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as DemoAccount[];
  } catch {
    return [];
  }
}

/**
 * Makes sure every demo account exists. Returns the accounts with the passwords saved in `file`
 * (an account that exists without a saved password - created by someone else - is listed without one).
 */
export async function ensureDemoAccounts(db: Db, file: string): Promise<DemoAccount[]> {
  const saved = await readSaved(file);
  const result: DemoAccount[] = [];
  for (const spec of DEMO_ACCOUNT_SPECS) {
    const existing = await findAccountByUsername(db, spec.username);
    const known = saved.find((a) => a.username === spec.username);
    if (existing) {
      result.push({ ...spec, password: known?.password ?? "(unknown: created outside the demo)" });
      continue;
    }
    const password = demoPassword();
    await createAccount(db, { username: spec.username, password, role: spec.role, unitCode: spec.unitCode });
    result.push({ ...spec, password });
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
  return result;
}
