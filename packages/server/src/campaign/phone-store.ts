// SQL of phone confirmation: the pending OTP challenge of an install, and confirming it - which moves the
// phone's keyed hash to this device (a number counts once) and updates the counters in the same transaction.
import { type Db, rows, sql, transaction } from "../platform/db/database.ts";
import { applyCounterEvents } from "./counters.ts";
import { localDay } from "./coverage.ts";
import type { CounterEvent } from "./rollup.ts";

export interface Challenge {
  installId: string;
  phoneHash: string;
  otpHash: string;
  sentAt: Date;
  expiresAt: Date;
}

export type ChallengeResult = "saved" | "unknown-install" | "too-soon";

/** Stores (or replaces) the install's challenge unless the previous one was sent less than `resendMs` ago. */
export async function saveChallenge(
  db: Db,
  challenge: Challenge,
  resendMs: number,
): Promise<ChallengeResult> {
  return transaction(db, async (tx) => {
    const [install] = await rows<{ ok: number }>(
      tx,
      sql`SELECT 1 AS ok FROM campaign_installs WHERE install_id = ${challenge.installId}`,
    );
    if (!install) return "unknown-install";
    const saved = await rows<{ ok: number }>(
      tx,
      sql`INSERT INTO campaign_phone_challenges (install_id, phone_hash, otp_hash, sent_at, expires_at, attempts)
          VALUES (${challenge.installId}, ${challenge.phoneHash}, ${challenge.otpHash},
                  ${challenge.sentAt.toISOString()}::timestamptz, ${challenge.expiresAt.toISOString()}::timestamptz, 0)
          ON CONFLICT (install_id) DO UPDATE SET
            phone_hash = excluded.phone_hash, otp_hash = excluded.otp_hash, sent_at = excluded.sent_at,
            expires_at = excluded.expires_at, attempts = 0
          WHERE campaign_phone_challenges.sent_at <= ${new Date(challenge.sentAt.getTime() - resendMs).toISOString()}::timestamptz
          RETURNING 1 AS ok`,
    );
    return saved.length > 0 ? "saved" : "too-soon";
  });
}

/** Removes a challenge (e.g. when the OTP could not be sent). */
export async function deleteChallenge(db: Db, installId: string): Promise<void> {
  await db.execute(sql`DELETE FROM campaign_phone_challenges WHERE install_id = ${installId}`);
}

export type ConfirmResult =
  | { status: "confirmed"; counted: boolean }
  | { status: "wrong-otp"; attemptsLeft: number }
  | { status: "no-challenge" };

/**
 * Checks the OTP against the install's challenge (`matches(challenge)` compares the keyed hashes). On success
 * the device gets the phone hash, any other device loses it, counters follow; a wrong OTP uses an attempt.
 */
export async function confirmPhone(
  db: Db,
  input: { installId: string; now: Date; maxAttempts: number; matches: (c: Challenge) => boolean },
): Promise<ConfirmResult> {
  return transaction(db, async (tx) => {
    const [row] = await rows<{
      phone_hash: string;
      otp_hash: string;
      sent_at: string;
      expires_at: string;
      attempts: number;
    }>(
      tx,
      sql`SELECT phone_hash, otp_hash, sent_at::text, expires_at::text, attempts
          FROM campaign_phone_challenges WHERE install_id = ${input.installId} FOR UPDATE`,
    );
    if (!row || new Date(row.expires_at) <= input.now || row.attempts >= input.maxAttempts) {
      if (row) await deleteChallenge(tx, input.installId);
      return { status: "no-challenge" };
    }
    const challenge: Challenge = {
      installId: input.installId,
      phoneHash: row.phone_hash,
      otpHash: row.otp_hash,
      sentAt: new Date(row.sent_at),
      expiresAt: new Date(row.expires_at),
    };
    if (!input.matches(challenge)) {
      const attempts = row.attempts + 1;
      if (attempts >= input.maxAttempts) await deleteChallenge(tx, input.installId);
      else {
        await tx.execute(
          sql`UPDATE campaign_phone_challenges SET attempts = ${attempts} WHERE install_id = ${input.installId}`,
        );
      }
      return { status: "wrong-otp", attemptsLeft: Math.max(0, input.maxAttempts - attempts) };
    }
    const day = localDay(input.now);
    const [device] = await rows<{
      device_key: string;
      phone_hash: string | null;
      commune_code: string;
      province_code: string;
    }>(
      tx,
      sql`SELECT d.device_key, d.phone_hash, d.commune_code, d.province_code
          FROM campaign_installs i JOIN campaign_devices d ON d.device_key = i.device_key
          WHERE i.install_id = ${input.installId} FOR UPDATE OF d`,
    );
    await deleteChallenge(tx, input.installId);
    if (!device) return { status: "no-challenge" };
    if (device.phone_hash === challenge.phoneHash) return { status: "confirmed", counted: false };
    const events: CounterEvent[] = [];
    // The number moves here from any other device (e.g. a new phone): it is counted once.
    const previous = await rows<{ commune_code: string; province_code: string }>(
      tx,
      sql`UPDATE campaign_devices SET phone_hash = NULL, phone_day = NULL
          WHERE phone_hash = ${challenge.phoneHash} AND device_key <> ${device.device_key}
          RETURNING commune_code, province_code`,
    );
    for (const p of previous) {
      events.push({
        kind: "phone",
        place: { communeCode: p.commune_code, provinceCode: p.province_code },
        day,
        delta: -1,
      });
    }
    await tx.execute(
      sql`UPDATE campaign_devices SET phone_hash = ${challenge.phoneHash}, phone_day = ${day}::date
          WHERE device_key = ${device.device_key}`,
    );
    const counted = device.phone_hash === null;
    if (counted) {
      events.push({
        kind: "phone",
        place: { communeCode: device.commune_code, provinceCode: device.province_code },
        day,
        delta: 1,
      });
    }
    await applyCounterEvents(tx, events);
    return { status: "confirmed", counted };
  });
}
