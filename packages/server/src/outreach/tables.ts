// Drizzle tables of outreach: campaigns, their recipients (keyed hash + address sealed while the campaign runs),
// opt-outs, the outbox of messages and arrival stays. Keep free of local imports (drizzle-kit loads it alone).
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A campaign: channel, audience, template, schedule (rounds every N days in quiet-hour-free time), status. */
export const outreachCampaigns = pgTable("outreach_campaigns", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull(),
  /** sms | zalo | email */
  channel: text("channel").notNull(),
  /** list (every uploaded address) | unit (uploaded addresses whose unit lies in unit_code) */
  audienceKind: text("audience_kind").notNull(),
  /** The unit the campaign belongs to (scoping, the {{unit}} variable, the unit audience). */
  unitCode: text("unit_code").notNull(),
  template: text("template").notNull(),
  subject: text("subject"),
  zaloTemplateId: text("zalo_template_id"),
  startAt: ts("start_at").notNull(),
  /** Quiet hours in local minutes of the day (Asia/Ho_Chi_Minh); equal = none. */
  quietStartMinute: integer("quiet_start_minute").notNull(),
  quietEndMinute: integer("quiet_end_minute").notNull(),
  repeatEveryDays: integer("repeat_every_days"),
  stopAt: ts("stop_at"),
  maxMessages: integer("max_messages").notNull(),
  /** draft | running | paused | ended */
  status: text("status").notNull(),
  /** Rounds planned so far; the next round is number rounds_planned + 1, due at next_round_at. */
  roundsPlanned: integer("rounds_planned").notNull().default(0),
  nextRoundAt: ts("next_round_at"),
  createdBy: bigint("created_by", { mode: "number" }),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** One address of a campaign's audience: the keyed hash for matching; the address sealed, erased at the end. */
export const outreachRecipients = pgTable(
  "outreach_recipients",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    campaignId: bigint("campaign_id", { mode: "number" })
      .notNull()
      .references(() => outreachCampaigns.id, { onDelete: "cascade" }),
    /** HMAC of the normalised number (the campaign feature's phone hash) or e-mail address. */
    recipientHash: text("recipient_hash").notNull(),
    /** AES-256-GCM sealed address; NULL once the campaign has ended. */
    addressSealed: bytea("address_sealed"),
    unitCode: text("unit_code"),
    roundsSent: integer("rounds_sent").notNull().default(0),
    optedOut: boolean("opted_out").notNull().default(false),
  },
  (t) => [uniqueIndex("outreach_recipients_campaign_hash_idx").on(t.campaignId, t.recipientHash)],
);

/** Addresses that said no (TU CHOI reply or link): every campaign and arrival rule skips them. */
export const outreachOptouts = pgTable("outreach_optouts", {
  recipientHash: text("recipient_hash").primaryKey(),
  /** sms | link */
  source: text("source").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** The outbox: one row per message, written in the transaction that decided to send it. */
export const outreachOutbox = pgTable(
  "outreach_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    campaignId: bigint("campaign_id", { mode: "number" }),
    recipientId: bigint("recipient_id", { mode: "number" }),
    round: integer("round").notNull(),
    channel: text("channel").notNull(),
    /** campaign:recipient:round (or arrival:province:hash:day); providers dedupe on it. */
    idempotencyKey: text("idempotency_key").notNull(),
    recipientHash: text("recipient_hash").notNull(),
    /** Sealed address; erased when the message reaches a final state. */
    addressSealed: bytea("address_sealed"),
    payload: jsonb("payload").notNull(),
    /** queued | sending | sent | delivered | failed | cancelled */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** When queued: earliest send time; when sending: end of the worker's lease. */
    nextAttemptAt: ts("next_attempt_at").notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outreach_outbox_idempotency_idx").on(t.idempotencyKey),
    index("outreach_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
    index("outreach_outbox_campaign_idx").on(t.campaignId, t.round, t.status),
    index("outreach_outbox_provider_idx").on(t.channel, t.providerId),
    index("outreach_outbox_hash_idx").on(t.recipientHash),
  ],
);

/** The last stay of an arriving number in a province (welcome once per stay). */
export const outreachArrivals = pgTable(
  "outreach_arrivals",
  {
    provinceCode: text("province_code").notNull(),
    recipientHash: text("recipient_hash").notNull(),
    /** When the number was last reported arriving; a new stay starts after OUTREACH_STAY_DAYS without one. */
    lastSeenAt: ts("last_seen_at").notNull(),
    stayStartedAt: ts("stay_started_at").notNull(),
  },
  (t) => [primaryKey({ name: "outreach_arrivals_pk", columns: [t.provinceCode, t.recipientHash] })],
);
