// SQL of outreach: campaigns and audiences, planning a round (outbox rows written in the transaction that
// decides them), claiming and settling outbox batches (FOR UPDATE SKIP LOCKED + lease), opt-outs, callbacks.
import { type Db, rows, sql, transaction } from "../platform/db/database.ts";
import type { Channel } from "./model.ts";

export type CampaignStatus = "draft" | "running" | "paused" | "ended";
export type OutboxStatus = "queued" | "sending" | "sent" | "delivered" | "failed" | "cancelled";
export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  "queued",
  "sending",
  "sent",
  "delivered",
  "failed",
  "cancelled",
];

export interface CampaignRow {
  id: number;
  name: string;
  channel: Channel;
  audienceKind: "list" | "unit";
  unitCode: string;
  template: string;
  subject: string | null;
  zaloTemplateId: string | null;
  startAt: Date;
  quietStartMinute: number;
  quietEndMinute: number;
  repeatEveryDays: number | null;
  stopAt: Date | null;
  maxMessages: number;
  status: CampaignStatus;
  roundsPlanned: number;
  nextRoundAt: Date | null;
  createdAt: Date;
}

export type NewCampaign = Omit<
  CampaignRow,
  "id" | "status" | "roundsPlanned" | "nextRoundAt" | "createdAt"
> & {
  createdBy: number | null;
};

const iso = (d: Date) => d.toISOString();
const CAMPAIGN_COLUMNS = sql`id::int AS id, name, channel, audience_kind, unit_code, template, subject, zalo_template_id,
  start_at::text AS start_at, quiet_start_minute, quiet_end_minute, repeat_every_days, stop_at::text AS stop_at,
  max_messages, status, rounds_planned, next_round_at::text AS next_round_at, created_at::text AS created_at`;

interface CampaignSqlRow {
  id: number;
  name: string;
  channel: Channel;
  audience_kind: "list" | "unit";
  unit_code: string;
  template: string;
  subject: string | null;
  zalo_template_id: string | null;
  start_at: string;
  quiet_start_minute: number;
  quiet_end_minute: number;
  repeat_every_days: number | null;
  stop_at: string | null;
  max_messages: number;
  status: CampaignStatus;
  rounds_planned: number;
  next_round_at: string | null;
  created_at: string;
}

const toCampaign = (r: CampaignSqlRow): CampaignRow => ({
  id: r.id,
  name: r.name,
  channel: r.channel,
  audienceKind: r.audience_kind,
  unitCode: r.unit_code,
  template: r.template,
  subject: r.subject,
  zaloTemplateId: r.zalo_template_id,
  startAt: new Date(r.start_at),
  quietStartMinute: r.quiet_start_minute,
  quietEndMinute: r.quiet_end_minute,
  repeatEveryDays: r.repeat_every_days,
  stopAt: r.stop_at ? new Date(r.stop_at) : null,
  maxMessages: r.max_messages,
  status: r.status,
  roundsPlanned: r.rounds_planned,
  nextRoundAt: r.next_round_at ? new Date(r.next_round_at) : null,
  createdAt: new Date(r.created_at),
});

export async function insertCampaign(db: Db, c: NewCampaign): Promise<CampaignRow> {
  const [row] = await rows<CampaignSqlRow>(
    db,
    sql`INSERT INTO outreach_campaigns (name, channel, audience_kind, unit_code, template, subject, zalo_template_id,
          start_at, quiet_start_minute, quiet_end_minute, repeat_every_days, stop_at, max_messages, status, created_by)
        VALUES (${c.name}, ${c.channel}, ${c.audienceKind}, ${c.unitCode}, ${c.template}, ${c.subject},
          ${c.zaloTemplateId}, ${iso(c.startAt)}::timestamptz, ${c.quietStartMinute}, ${c.quietEndMinute},
          ${c.repeatEveryDays}, ${c.stopAt ? iso(c.stopAt) : null}::timestamptz, ${c.maxMessages}, 'draft', ${c.createdBy})
        RETURNING ${CAMPAIGN_COLUMNS}`,
  );
  return toCampaign(row!);
}

export async function getCampaign(db: Db, id: number): Promise<CampaignRow | undefined> {
  const [row] = await rows<CampaignSqlRow>(
    db,
    sql`SELECT ${CAMPAIGN_COLUMNS} FROM outreach_campaigns WHERE id = ${id}`,
  );
  return row && toCampaign(row);
}

export async function listCampaigns(db: Db): Promise<CampaignRow[]> {
  const list = await rows<CampaignSqlRow>(
    db,
    sql`SELECT ${CAMPAIGN_COLUMNS} FROM outreach_campaigns ORDER BY id DESC LIMIT 1000`,
  );
  return list.map(toCampaign);
}

/** Moves a campaign between states; returns the updated row or undefined when the transition is not allowed. */
export async function setCampaignStatus(
  db: Db,
  id: number,
  action: "start" | "pause",
): Promise<CampaignRow | undefined> {
  const [row] =
    action === "start"
      ? await rows<CampaignSqlRow>(
          db,
          sql`UPDATE outreach_campaigns SET status = 'running',
                next_round_at = CASE WHEN status = 'draft' THEN start_at ELSE next_round_at END
              WHERE id = ${id} AND status IN ('draft', 'paused') RETURNING ${CAMPAIGN_COLUMNS}`,
        )
      : await rows<CampaignSqlRow>(
          db,
          sql`UPDATE outreach_campaigns SET status = 'paused' WHERE id = ${id} AND status = 'running'
              RETURNING ${CAMPAIGN_COLUMNS}`,
        );
  return row && toCampaign(row);
}

export interface RecipientInsert {
  hash: string;
  sealed: Uint8Array;
  unitCode: string | null;
}

/** Adds audience entries (an address already in the campaign is skipped); returns how many were new. */
export async function addRecipients(
  db: Db,
  campaignId: number,
  list: readonly RecipientInsert[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < list.length; i += 5000) {
    const chunk = list.slice(i, i + 5000).map((r) => ({
      h: r.hash,
      a: Buffer.from(r.sealed).toString("base64"),
      u: r.unitCode,
    }));
    const inserted = await rows<{ n: number }>(
      db,
      sql`WITH ins AS (
            INSERT INTO outreach_recipients (campaign_id, recipient_hash, address_sealed, unit_code)
            SELECT ${campaignId}, x.h, decode(x.a, 'base64'), x.u
            FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS x(h text, a text, u text)
            ON CONFLICT (campaign_id, recipient_hash) DO NOTHING RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    added += inserted[0]?.n ?? 0;
  }
  return added;
}

export interface RoundPlan {
  round: number;
  /** The message with {{unit}} and {{link}} filled in ({{optout_link}} is filled per recipient at send). */
  payload: Record<string, unknown>;
  /** When the messages may go out (the round's time, or the end of quiet hours). */
  releaseAt: Date;
  /** After this round: the next round's due time and number, or null (the campaign ends). */
  next: { at: Date; round: number } | null;
}

/**
 * Plans every due round, one campaign per transaction (campaign row locked with SKIP LOCKED, so concurrent
 * schedulers share the work): outbox rows for recipients not installed, not opted out and under K messages,
 * ON CONFLICT DO NOTHING on the idempotency key; the recipients' counters and the campaign in the same commit.
 */
export async function planDueRounds(
  db: Db,
  now: Date,
  plan: (campaign: CampaignRow) => RoundPlan,
): Promise<{ campaignId: number; round: number; queued: number }[]> {
  const done: { campaignId: number; round: number; queued: number }[] = [];
  for (;;) {
    const result = await transaction(db, async (tx) => {
      const [row] = await rows<CampaignSqlRow>(
        tx,
        sql`SELECT ${CAMPAIGN_COLUMNS} FROM outreach_campaigns
            WHERE status = 'running' AND next_round_at <= ${iso(now)}::timestamptz
            ORDER BY next_round_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!row) return null;
      const campaign = toCampaign(row);
      const p = plan(campaign);
      const installedCheck =
        campaign.channel === "email"
          ? sql``
          : sql`AND NOT EXISTS (SELECT 1 FROM campaign_devices d WHERE d.phone_hash = r.recipient_hash)`;
      const [counted] = await rows<{ n: number }>(
        tx,
        sql`WITH chosen AS (
              SELECT r.id, r.recipient_hash, r.address_sealed FROM outreach_recipients r
              WHERE r.campaign_id = ${campaign.id} AND NOT r.opted_out AND r.rounds_sent < ${campaign.maxMessages}
                AND r.address_sealed IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM outreach_optouts o WHERE o.recipient_hash = r.recipient_hash)
                ${installedCheck}
            ), ins AS (
              INSERT INTO outreach_outbox (campaign_id, recipient_id, round, channel, idempotency_key, recipient_hash,
                address_sealed, payload, status, next_attempt_at, created_at, updated_at)
              SELECT ${campaign.id}, c.id, ${p.round}, ${campaign.channel},
                ${`${campaign.id}:`} || c.id::text || ${`:${p.round}`}, c.recipient_hash, c.address_sealed,
                ${JSON.stringify(p.payload)}::jsonb, 'queued', ${iso(p.releaseAt)}::timestamptz,
                ${iso(now)}::timestamptz, ${iso(now)}::timestamptz
              FROM chosen c
              ON CONFLICT (idempotency_key) DO NOTHING
              RETURNING recipient_id
            ), upd AS (
              UPDATE outreach_recipients r SET rounds_sent = r.rounds_sent + 1 FROM ins WHERE r.id = ins.recipient_id
              RETURNING 1
            )
            SELECT count(*)::int AS n FROM upd`,
      );
      if (p.next) {
        await tx.execute(
          sql`UPDATE outreach_campaigns SET rounds_planned = ${p.round}, next_round_at = ${iso(p.next.at)}::timestamptz
              WHERE id = ${campaign.id}`,
        );
      } else {
        await endCampaign(tx, campaign.id, p.round);
      }
      return { campaignId: campaign.id, round: p.round, queued: counted?.n ?? 0 };
    });
    if (!result) return done;
    done.push(result);
  }
}

/** Ends a campaign and erases its recipients' addresses (queued messages keep their own sealed copy). */
export async function endCampaign(db: Db, id: number, roundsPlanned?: number): Promise<void> {
  await db.execute(
    sql`UPDATE outreach_campaigns SET status = 'ended', next_round_at = NULL,
          rounds_planned = COALESCE(${roundsPlanned ?? null}::int, rounds_planned)
        WHERE id = ${id}`,
  );
  await db.execute(sql`UPDATE outreach_recipients SET address_sealed = NULL WHERE campaign_id = ${id}`);
}

export interface ClaimedMessage {
  id: number;
  campaignId: number | null;
  channel: Channel;
  idempotencyKey: string;
  recipientHash: string;
  addressSealed: Uint8Array;
  payload: Record<string, unknown>;
  /** Attempt number of this claim (1-based); settle only if it is still ours. */
  attempts: number;
}

/**
 * Claims up to `limit` due messages of `channels` (queued and due, or sending with an expired lease - a worker
 * died), FOR UPDATE SKIP LOCKED; they become `sending` until now + lease. Messages to opted-out addresses are
 * cancelled in the same statement instead (returned in `cancelled`).
 */
export async function claimBatch(
  db: Db,
  input: { now: Date; limit: number; leaseMs: number; channels: readonly Channel[] },
): Promise<{ messages: ClaimedMessage[]; cancelled: number }> {
  if (input.channels.length === 0) return { messages: [], cancelled: 0 };
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  const claimed = await rows<{
    id: number;
    campaign_id: number | null;
    channel: Channel;
    idempotency_key: string;
    recipient_hash: string;
    address_sealed: Uint8Array | null;
    payload: Record<string, unknown> | string;
    attempts: number;
    status: OutboxStatus;
  }>(
    db,
    sql`WITH due AS (
          SELECT o.id, (x.recipient_hash IS NOT NULL) AS opted_out
          FROM outreach_outbox o LEFT JOIN outreach_optouts x ON x.recipient_hash = o.recipient_hash
          WHERE o.status IN ('queued', 'sending') AND o.next_attempt_at <= ${iso(input.now)}::timestamptz
            AND o.channel IN (${sql.join(
              input.channels.map((c) => sql`${c}`),
              sql`, `,
            )})
          ORDER BY o.next_attempt_at LIMIT ${input.limit}
          FOR UPDATE OF o SKIP LOCKED)
        UPDATE outreach_outbox o SET
          status = CASE WHEN due.opted_out THEN 'cancelled' ELSE 'sending' END,
          attempts = o.attempts + CASE WHEN due.opted_out THEN 0 ELSE 1 END,
          next_attempt_at = ${iso(leaseUntil)}::timestamptz,
          address_sealed = CASE WHEN due.opted_out THEN NULL ELSE o.address_sealed END,
          error = CASE WHEN due.opted_out THEN 'opted out' ELSE o.error END,
          updated_at = ${iso(input.now)}::timestamptz
        FROM due WHERE o.id = due.id
        RETURNING o.id::int AS id, o.campaign_id::int AS campaign_id, o.channel, o.idempotency_key, o.recipient_hash,
          o.address_sealed, o.payload, o.attempts, o.status`,
  );
  const messages: ClaimedMessage[] = [];
  let cancelled = 0;
  for (const r of claimed) {
    if (r.status === "cancelled" || !r.address_sealed) {
      cancelled++;
      continue;
    }
    messages.push({
      id: r.id,
      campaignId: r.campaign_id,
      channel: r.channel,
      idempotencyKey: r.idempotency_key,
      recipientHash: r.recipient_hash,
      addressSealed: r.address_sealed,
      payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
      attempts: r.attempts,
    });
  }
  return { messages, cancelled };
}

export type Settlement =
  | { id: number; attempts: number; status: "sent"; providerId: string }
  | { id: number; attempts: number; status: "queued"; error: string; nextAttemptAt: Date }
  | { id: number; attempts: number; status: "failed"; error: string };

/**
 * Records a batch's outcomes in one statement. Only rows still `sending` under the same attempt are touched (a
 * worker whose lease expired and whose messages were re-claimed cannot overwrite the newer claim).
 */
export async function settleBatch(db: Db, now: Date, list: readonly Settlement[]): Promise<number> {
  if (list.length === 0) return 0;
  const json = JSON.stringify(
    list.map((s) => ({
      id: s.id,
      n: s.attempts,
      s: s.status,
      p: s.status === "sent" ? s.providerId : null,
      e: s.status === "sent" ? null : s.error.slice(0, 500),
      t: s.status === "queued" ? s.nextAttemptAt.toISOString() : null,
    })),
  );
  const [result] = await rows<{ n: number }>(
    db,
    sql`WITH upd AS (
          UPDATE outreach_outbox o SET status = x.s, provider_id = COALESCE(x.p, o.provider_id), error = x.e,
            next_attempt_at = COALESCE(x.t, o.next_attempt_at),
            address_sealed = CASE WHEN x.s = 'queued' THEN o.address_sealed ELSE NULL END,
            updated_at = ${iso(now)}::timestamptz
          FROM json_to_recordset(${json}::json) AS x(id bigint, n int, s text, p text, e text, t timestamptz)
          WHERE o.id = x.id AND o.attempts = x.n AND o.status = 'sending'
          RETURNING 1)
        SELECT count(*)::int AS n FROM upd`,
  );
  return result?.n ?? 0;
}

/** A delivery report: the message found by provider id or idempotency key (tracking id) moves to `status`. */
export async function applyDeliveryReport(
  db: Db,
  input: {
    channel: Channel;
    providerId?: string;
    idempotencyKey?: string;
    status: "delivered" | "failed";
    error?: string;
    now: Date;
  },
): Promise<boolean> {
  const match =
    input.providerId !== undefined
      ? sql`provider_id = ${input.providerId}`
      : sql`idempotency_key = ${input.idempotencyKey ?? ""}`;
  const updated = await rows<{ id: number }>(
    db,
    sql`UPDATE outreach_outbox SET status = ${input.status}, error = ${input.error ?? null}, address_sealed = NULL,
          updated_at = ${iso(input.now)}::timestamptz
        WHERE channel = ${input.channel} AND ${match} AND status IN ('sending', 'sent', 'delivered', 'failed')
        RETURNING id::int AS id`,
  );
  return updated.length > 0;
}

/**
 * Opts an address out of everything: remembered by hash, marked in every campaign, and its queued messages
 * cancelled (with their sealed address erased). Returns how many queued messages were cancelled.
 */
export async function optOut(db: Db, hash: string, source: "sms" | "link", now: Date): Promise<number> {
  return transaction(db, async (tx) => {
    await tx.execute(
      sql`INSERT INTO outreach_optouts (recipient_hash, source, created_at)
          VALUES (${hash}, ${source}, ${iso(now)}::timestamptz) ON CONFLICT (recipient_hash) DO NOTHING`,
    );
    await tx.execute(
      sql`UPDATE outreach_recipients SET opted_out = true, address_sealed = NULL WHERE recipient_hash = ${hash}`,
    );
    const cancelled = await rows<{ id: number }>(
      tx,
      sql`UPDATE outreach_outbox SET status = 'cancelled', error = 'opted out', address_sealed = NULL,
            updated_at = ${iso(now)}::timestamptz
          WHERE recipient_hash = ${hash} AND status = 'queued' RETURNING id::int AS id`,
    );
    return cancelled.length;
  });
}

export interface RoundStats {
  round: number;
  counts: Record<OutboxStatus, number>;
}

/** Messages per round and status, the audience size and how many of it opted out. */
export async function campaignStats(
  db: Db,
  id: number,
): Promise<{ recipients: number; optedOut: number; rounds: RoundStats[] }> {
  const counts = await rows<{ round: number; status: OutboxStatus; n: number }>(
    db,
    sql`SELECT round, status, count(*)::int AS n FROM outreach_outbox WHERE campaign_id = ${id}
        GROUP BY round, status ORDER BY round`,
  );
  const [audience] = await rows<{ recipients: number; opted_out: number }>(
    db,
    sql`SELECT count(*)::int AS recipients,
          count(*) FILTER (WHERE r.opted_out OR EXISTS (
            SELECT 1 FROM outreach_optouts o WHERE o.recipient_hash = r.recipient_hash))::int AS opted_out
        FROM outreach_recipients r WHERE r.campaign_id = ${id}`,
  );
  const byRound = new Map<number, RoundStats>();
  for (const c of counts) {
    let r = byRound.get(c.round);
    if (!r) {
      r = {
        round: c.round,
        counts: Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as RoundStats["counts"],
      };
      byRound.set(c.round, r);
    }
    r.counts[c.status] = c.n;
  }
  return {
    recipients: audience?.recipients ?? 0,
    optedOut: audience?.opted_out ?? 0,
    rounds: [...byRound.values()],
  };
}

export interface ArrivalInput {
  hash: string;
  sealed: Uint8Array;
}

/**
 * Records arrivals in a province and queues a welcome for each number starting a new stay (no report within
 * `stayMs` before), unless it opted out or has the app; one transaction. Returns how many were welcomed.
 */
export async function recordArrivals(
  db: Db,
  input: {
    provinceCode: string;
    numbers: readonly ArrivalInput[];
    now: Date;
    stayMs: number;
    channel: Channel;
    payload: Record<string, unknown>;
    releaseAt: Date;
  },
): Promise<number> {
  if (input.numbers.length === 0) return 0;
  const json = JSON.stringify(
    input.numbers.map((n) => ({ h: n.hash, a: Buffer.from(n.sealed).toString("base64") })),
  );
  const now = iso(input.now);
  const [result] = await rows<{ n: number }>(
    db,
    sql`WITH x AS (
          SELECT DISTINCT ON (h) h, a FROM json_to_recordset(${json}::json) AS j(h text, a text)
        ), seen AS (
          INSERT INTO outreach_arrivals (province_code, recipient_hash, last_seen_at, stay_started_at)
          SELECT ${input.provinceCode}, x.h, ${now}::timestamptz, ${now}::timestamptz FROM x
          ON CONFLICT (province_code, recipient_hash) DO UPDATE SET
            last_seen_at = excluded.last_seen_at,
            stay_started_at = CASE
              WHEN outreach_arrivals.last_seen_at < ${iso(new Date(input.now.getTime() - input.stayMs))}::timestamptz
              THEN excluded.stay_started_at ELSE outreach_arrivals.stay_started_at END
          RETURNING recipient_hash, (stay_started_at = ${now}::timestamptz) AS new_stay
        ), ins AS (
          INSERT INTO outreach_outbox (campaign_id, recipient_id, round, channel, idempotency_key, recipient_hash,
            address_sealed, payload, status, next_attempt_at, created_at, updated_at)
          SELECT NULL, NULL, 1, ${input.channel},
            ${`arrival:${input.provinceCode}:`} || seen.recipient_hash || ${`:${input.now.getTime()}`},
            seen.recipient_hash, decode(x.a, 'base64'), ${JSON.stringify(input.payload)}::jsonb, 'queued',
            ${iso(input.releaseAt)}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
          FROM seen JOIN x ON x.h = seen.recipient_hash
          WHERE seen.new_stay
            AND NOT EXISTS (SELECT 1 FROM outreach_optouts o WHERE o.recipient_hash = seen.recipient_hash)
            AND NOT EXISTS (SELECT 1 FROM campaign_devices d WHERE d.phone_hash = seen.recipient_hash)
          ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  return result?.n ?? 0;
}
