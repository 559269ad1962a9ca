// The citizen's side of the declaration feature: submit (checked, sealed, counted in one transaction), list,
// read, follow up and withdraw one's own declarations, identified only by the declarant key.
import type { Static } from "@fastify/type-provider-typebox";
import type { Db } from "../platform/db/database.ts";
import { transaction } from "../platform/db/database.ts";
import { ProblemError, problems, problemType } from "../platform/errors.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import { countDeltas } from "./aggregates.ts";
import type { Symptom } from "./catalog.ts";
import type { DeclarationConfig } from "./config.ts";
import { declarantKeyFrom, hashDeclarantKey } from "./declarant.ts";
import { type Language, validationProblem } from "./messages.ts";
import {
  type AggregateFacts,
  checkDeclaration,
  checkFollowUpDay,
  type DeclarationInput,
  roundTemperature,
  type SealedAnswers,
  unitCodesOf,
} from "./model.ts";
import type { DeclarationView, FollowUpView } from "./schemas.ts";
import type { Sealer } from "./seal.ts";
import {
  applyCountDeltas,
  countDeclarations,
  createDeclarant,
  type DeclarationRow,
  deleteDeclarant,
  deleteDeclarationRow,
  type FollowUpRow,
  findDeclarant,
  getDeclarationRow,
  insertDeclaration,
  listDeclarationRows,
  listFollowUpRows,
  touchDeclarant,
  upsertFollowUp,
} from "./store.ts";
import type { UnitLookupFn } from "./unit-lookup.ts";

export interface DeclarationContext {
  db: Db;
  clock: Clock;
  random: RandomBytes;
  sealer: Sealer;
  /** v2025 units by code (cached). */
  units: UnitLookupFn;
  config: Pick<DeclarationConfig, "maxPerDeclarant">;
}

type View = Static<typeof DeclarationView>;
type FollowUp = Static<typeof FollowUpView>;
interface SealedFollowUp {
  symptoms: Symptom[];
  temperature: number | null;
}

export const declarantUnknown = () =>
  new ProblemError(401, {
    type: problemType("declarant-unknown"),
    title: "Unknown declarant key",
    detail: "No declarations are held for this key (it may have expired). Declare again without a key.",
    headers: { "www-authenticate": "Bearer" },
  });

const declarationNotFound = () => problems.notFound("No such declaration for this declarant key");

/** A random (version 4) UUID from 16 random bytes. */
export function uuidFrom(random: Uint8Array): string {
  const b = Uint8Array.from(random.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const followUpContext = (declarationId: string, day: string) => `${declarationId}/${day}`;

function followUpView(row: FollowUpRow, sealer: Sealer): FollowUp {
  const entry = sealer.open<SealedFollowUp>(row.sealed, followUpContext(row.declarationId, row.day));
  return {
    day: row.day,
    symptoms: entry.symptoms,
    temperature: entry.temperature,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function toViews(ctx: DeclarationContext, found: readonly DeclarationRow[]): Promise<View[]> {
  const answers = found.map((row) => ctx.sealer.open<SealedAnswers>(row.sealed, row.id));
  const units = await ctx.units(
    found.flatMap((row, i) => {
      const travel = answers[i]?.travel;
      const legs = travel ? [travel.departure, travel.destination] : [];
      return [row.provinceCode, row.communeCode, ...legs.flatMap((l) => [l.provinceCode, l.communeCode])];
    }),
  );
  const named = (code: string) => ({ code, name: units.get(code)?.name ?? code });
  const followUps = await listFollowUpRows(
    ctx.db,
    found.map((r) => r.id),
  );
  return found.map((row, i) => {
    const a = answers[i] as SealedAnswers;
    return {
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt.toISOString(),
      declaredOn: row.declaredOn,
      fullName: a.fullName,
      yearOfBirth: a.yearOfBirth,
      gender: a.gender,
      nationality: a.nationality,
      idNumber: a.idNumber,
      phone: a.phone,
      address: { province: named(row.provinceCode), commune: named(row.communeCode), street: a.street },
      symptoms: row.symptoms as View["symptoms"],
      exposures: row.exposures as View["exposures"],
      conditions: a.conditions,
      travel: a.travel
        ? {
            transport: a.travel.transport,
            vehicleNumber: a.travel.vehicleNumber,
            departure: {
              province: named(a.travel.departure.provinceCode),
              commune: named(a.travel.departure.communeCode),
            },
            destination: {
              province: named(a.travel.destination.provinceCode),
              commune: named(a.travel.destination.communeCode),
            },
            date: a.travel.date,
          }
        : null,
      followUps: followUps.filter((f) => f.declarationId === row.id).map((f) => followUpView(f, ctx.sealer)),
    };
  });
}

const factsOf = (row: DeclarationRow): AggregateFacts => ({
  kind: row.kind,
  declaredOn: row.declaredOn,
  provinceCode: row.provinceCode,
  communeCode: row.communeCode,
  symptoms: row.symptoms as AggregateFacts["symptoms"],
  exposures: row.exposures as AggregateFacts["exposures"],
  destination:
    row.destinationProvinceCode && row.destinationCommuneCode
      ? { provinceCode: row.destinationProvinceCode, communeCode: row.destinationCommuneCode }
      : null,
});

/**
 * Checks, seals and stores a declaration and adds it to the daily counts, all in one transaction. Without a key
 * a new declarant is created and its key returned (the only time the server ever sees it in clear).
 */
export async function submitDeclaration(
  ctx: DeclarationContext,
  input: DeclarationInput,
  key: string | null,
  language: Language,
): Promise<{ declaration: View; declarantKey?: string }> {
  const now = ctx.clock();
  const units = await ctx.units(unitCodesOf(input));
  const checked = checkDeclaration(input, { now, units: (code) => units.get(code) });
  if (!checked.ok) throw validationProblem(checked.issues, "body", language);
  const { sealed, facts } = checked.value;
  const newKey = key === null ? declarantKeyFrom(ctx.random(32)) : undefined;
  const id = uuidFrom(ctx.random(16));
  const row = await transaction(ctx.db, async (tx) => {
    let declarantId: number;
    if (newKey) declarantId = await createDeclarant(tx, hashDeclarantKey(newKey), now);
    else {
      const known = await touchDeclarant(tx, hashDeclarantKey(key as string), now);
      if (known === undefined) throw declarantUnknown();
      if ((await countDeclarations(tx, known)) >= ctx.config.maxPerDeclarant) {
        throw new ProblemError(409, {
          type: problemType("declaration-limit"),
          title: "Too many declarations",
          detail: `A declarant key holds at most ${ctx.config.maxPerDeclarant} declarations; delete old ones first.`,
        });
      }
      declarantId = known;
    }
    const values = {
      id,
      declarantId,
      kind: facts.kind,
      createdAt: now,
      declaredOn: facts.declaredOn,
      provinceCode: facts.provinceCode,
      communeCode: facts.communeCode,
      destinationProvinceCode: facts.destination?.provinceCode ?? null,
      destinationCommuneCode: facts.destination?.communeCode ?? null,
      symptoms: facts.symptoms,
      exposures: facts.exposures,
      sealed: ctx.sealer.seal(sealed, id),
    };
    await insertDeclaration(tx, values);
    await applyCountDeltas(tx, countDeltas(facts, 1));
    return values;
  });
  const [declaration] = await toViews(ctx, [row]);
  if (!declaration) throw new Error("declaration view missing");
  return newKey ? { declaration, declarantKey: newKey } : { declaration };
}

/** The declarant id of a key; 401 when the key is unknown. */
export async function requireDeclarant(ctx: DeclarationContext, key: string): Promise<number> {
  const id = await findDeclarant(ctx.db, hashDeclarantKey(key));
  if (id === undefined) throw declarantUnknown();
  return id;
}

export async function listDeclarations(ctx: DeclarationContext, declarantId: number): Promise<View[]> {
  return toViews(ctx, await listDeclarationRows(ctx.db, declarantId));
}

export async function readDeclaration(
  ctx: DeclarationContext,
  declarantId: number,
  id: string,
): Promise<View> {
  const row = await getDeclarationRow(ctx.db, declarantId, id);
  if (!row) throw declarationNotFound();
  const [view] = await toViews(ctx, [row]);
  if (!view) throw declarationNotFound();
  return view;
}

/** Adds or replaces the follow-up entry of `day` (not before the declaration's day, not after today). */
export async function putFollowUp(
  ctx: DeclarationContext,
  declarantId: number,
  id: string,
  day: string,
  entry: { symptoms: Symptom[]; temperature?: number },
  language: Language,
): Promise<FollowUp> {
  const row = await getDeclarationRow(ctx.db, declarantId, id);
  if (!row) throw declarationNotFound();
  const now = ctx.clock();
  const issues = checkFollowUpDay(day, row.declaredOn, now);
  if (issues.length > 0) throw validationProblem(issues, "params", language);
  const content: SealedFollowUp = {
    symptoms: [...entry.symptoms],
    temperature: entry.temperature === undefined ? null : roundTemperature(entry.temperature),
  };
  const followUp = {
    declarationId: id,
    day,
    sealed: ctx.sealer.seal(content, followUpContext(id, day)),
    updatedAt: now,
  };
  await upsertFollowUp(ctx.db, followUp);
  return followUpView(followUp, ctx.sealer);
}

/** Withdraws one declaration: deleted with its follow-ups and taken out of the daily counts. */
export async function withdrawDeclaration(
  ctx: DeclarationContext,
  declarantId: number,
  id: string,
): Promise<void> {
  await transaction(ctx.db, async (tx) => {
    const row = await deleteDeclarationRow(tx, declarantId, id);
    if (!row) throw declarationNotFound();
    await applyCountDeltas(tx, countDeltas(factsOf(row), -1));
  });
}

/** Forgets a declarant key: every declaration withdrawn, then the key itself deleted. */
export async function forgetDeclarant(ctx: DeclarationContext, declarantId: number): Promise<void> {
  await transaction(ctx.db, async (tx) => {
    for (const row of await deleteDeclarant(tx, declarantId)) {
      await applyCountDeltas(tx, countDeltas(factsOf(row), -1));
    }
  });
}
