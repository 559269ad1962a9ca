// Drizzle tables of campaign monitoring: devices and installs, counter rollups per unit and day, subscribers,
// snapshots, targets, agencies, phone challenges, reports. Keep free of local imports (drizzle-kit loads it alone).
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * A phone that installed the app, counted once however often it re-installs: the key is the HMAC (server
 * secret) of the stable per-device hash the app keeps in secure storage. Installs, phones and activity are
 * counted per device.
 */
export const campaignDevices = pgTable(
  "campaign_devices",
  {
    deviceKey: text("device_key").primaryKey(),
    communeCode: text("commune_code").notNull(),
    provinceCode: text("province_code").notNull(),
    /** Outreach attribution ("wifi-noi-bai", "poster-123", "sms-2025-08"), normalized; "direct" when none. */
    source: text("source").notNull(),
    agencyId: bigint("agency_id", { mode: "number" }),
    platform: text("platform").notNull(),
    /** Local (Asia/Ho_Chi_Minh) day of the first registration. */
    registeredDay: date("registered_day", { mode: "string" }).notNull(),
    /** HMAC (server secret) of the confirmed phone number in E.164; never the number itself. */
    phoneHash: text("phone_hash"),
    phoneDay: date("phone_day", { mode: "string" }),
    lastActiveDay: date("last_active_day", { mode: "string" }),
  },
  (t) => [uniqueIndex("campaign_devices_phone_idx").on(t.phoneHash)],
);

/** One app install (random id chosen by the app); several installs may belong to one device. */
export const campaignInstalls = pgTable("campaign_installs", {
  installId: text("install_id").primaryKey(),
  deviceKey: text("device_key").notNull(),
  platform: text("platform").notNull(),
  appVersion: text("app_version").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Counter rollup per unit (commune, province, "VN") and local day: new devices, net phones, active devices. */
export const campaignDaily = pgTable(
  "campaign_daily",
  {
    unitCode: text("unit_code").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    installs: integer("installs").notNull().default(0),
    withPhone: integer("with_phone").notNull().default(0),
    active: integer("active").notNull().default(0),
  },
  (t) => [primaryKey({ name: "campaign_daily_pk", columns: [t.unitCode, t.day] })],
);

/** Running totals per unit, updated in the same transaction as campaign_daily. */
export const campaignTotals = pgTable("campaign_totals", {
  unitCode: text("unit_code").primaryKey(),
  installs: bigint("installs", { mode: "number" }).notNull().default(0),
  withPhone: bigint("with_phone", { mode: "number" }).notNull().default(0),
});

/** Installs per unit and outreach source (which measure brings installs). */
export const campaignSourceTotals = pgTable(
  "campaign_source_totals",
  {
    unitCode: text("unit_code").notNull(),
    source: text("source").notNull(),
    installs: bigint("installs", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "campaign_source_totals_pk", columns: [t.unitCode, t.source] })],
);

/** One subscriber file upload (CSV or XLSX), all rows or none. */
export const campaignSubscriberUploads = pgTable("campaign_subscriber_uploads", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  fileName: text("file_name").notNull(),
  format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
  rowCount: integer("row_count").notNull(),
  /** The uploading official's unit ("VN" for national): who may list the upload. */
  scopeCode: text("scope_code").notNull(),
  accountId: bigint("account_id", { mode: "number" }),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Subscriber counts as the telcos reported them, per unit and date (a later upload replaces the value). */
export const campaignSubscriberReports = pgTable(
  "campaign_subscriber_reports",
  {
    unitCode: text("unit_code").notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
    subscribers: bigint("subscribers", { mode: "number" }).notNull(),
    uploadId: bigint("upload_id", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "campaign_subscriber_reports_pk", columns: [t.unitCode, t.asOf] })],
);

/**
 * Effective subscribers per unit and date: the unit's own report, else the sum of its sub-units' latest
 * values; recomputed for the affected ancestors on upload so readers take one row per unit.
 */
export const campaignSubscribers = pgTable(
  "campaign_subscribers",
  {
    unitCode: text("unit_code").notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
    subscribers: bigint("subscribers", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "campaign_subscribers_pk", columns: [t.unitCode, t.asOf] })],
);

/** CoverageSnapshot: the 17:00 (Asia/Ho_Chi_Minh) figures of each unit, kept forever. */
export const campaignSnapshots = pgTable(
  "campaign_snapshots",
  {
    unitCode: text("unit_code").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    takenAt: timestamp("taken_at", { withTimezone: true, mode: "date" }).notNull(),
    installs: bigint("installs", { mode: "number" }).notNull(),
    withPhone: bigint("with_phone", { mode: "number" }).notNull(),
    active: integer("active").notNull(),
    subscribers: bigint("subscribers", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "campaign_snapshots_pk", columns: [t.unitCode, t.day] })],
);

/** Coverage target of a unit ("60% by 31/08"); sub-units without their own inherit it. */
export const campaignTargets = pgTable("campaign_targets", {
  unitCode: text("unit_code").primaryKey(),
  /** Basis points: 6000 = 60%. */
  percentBp: integer("percent_bp").notNull(),
  deadline: date("deadline", { mode: "string" }).notNull(),
  accountId: bigint("account_id", { mode: "number" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** An agency (sở, ban, ngành, school, enterprise, armed-forces unit) under a unit, with its staff headcount. */
export const campaignAgencies = pgTable(
  "campaign_agencies",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unitCode: text("unit_code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", {
      enum: ["department", "board", "sector", "school", "enterprise", "armed_forces", "other"],
    }).notNull(),
    headcount: integer("headcount").notNull(),
    /** Code the staff enter in the app (8 characters of an unambiguous alphabet). */
    joinCode: text("join_code").notNull().unique(),
    /** Devices registered with the join code (counter, same transaction as the registration). */
    joined: integer("joined").notNull().default(0),
    /** Compliance target in basis points (null: CAMPAIGN_AGENCY_TARGET). */
    targetBp: integer("target_bp"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("campaign_agencies_unit_idx").on(t.unitCode)],
);

/** A pending phone confirmation: the phone's keyed hash and the OTP's keyed hash, with expiry and attempts. */
export const campaignPhoneChallenges = pgTable("campaign_phone_challenges", {
  installId: text("install_id").primaryKey(),
  phoneHash: text("phone_hash").notNull(),
  otpHash: text("otp_hash").notNull(),
  sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  attempts: integer("attempts").notNull().default(0),
});

/** A generated weekly report of a unit (XLSX and PDF in the blob store under unguessable keys). */
export const campaignReports = pgTable(
  "campaign_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unitCode: text("unit_code").notNull(),
    /** Monday of the reported week (local days). */
    weekStart: date("week_start", { mode: "string" }).notNull(),
    xlsxKey: text("xlsx_key").notNull(),
    pdfKey: text("pdf_key").notNull(),
    accountId: bigint("account_id", { mode: "number" }),
    generatedAt: timestamp("generated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("campaign_reports_unit_week_idx").on(t.unitCode, t.weekStart)],
);
