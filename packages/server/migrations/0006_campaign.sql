CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"account_id" bigint,
	"username" text,
	"unit_code" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_agencies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"headcount" integer NOT NULL,
	"join_code" text NOT NULL,
	"joined" integer DEFAULT 0 NOT NULL,
	"target_bp" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_agencies_join_code_unique" UNIQUE("join_code")
);
--> statement-breakpoint
CREATE TABLE "campaign_daily" (
	"unit_code" text NOT NULL,
	"day" date NOT NULL,
	"installs" integer DEFAULT 0 NOT NULL,
	"with_phone" integer DEFAULT 0 NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_daily_pk" PRIMARY KEY("unit_code","day")
);
--> statement-breakpoint
CREATE TABLE "campaign_devices" (
	"device_key" text PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"source" text NOT NULL,
	"agency_id" bigint,
	"platform" text NOT NULL,
	"registered_day" date NOT NULL,
	"phone_hash" text,
	"phone_day" date,
	"last_active_day" date
);
--> statement-breakpoint
CREATE TABLE "campaign_installs" (
	"install_id" text PRIMARY KEY NOT NULL,
	"device_key" text NOT NULL,
	"platform" text NOT NULL,
	"app_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_phone_challenges" (
	"install_id" text PRIMARY KEY NOT NULL,
	"phone_hash" text NOT NULL,
	"otp_hash" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"week_start" date NOT NULL,
	"xlsx_key" text NOT NULL,
	"pdf_key" text NOT NULL,
	"account_id" bigint,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_snapshots" (
	"unit_code" text NOT NULL,
	"day" date NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"installs" bigint NOT NULL,
	"with_phone" bigint NOT NULL,
	"active" integer NOT NULL,
	"subscribers" bigint NOT NULL,
	CONSTRAINT "campaign_snapshots_pk" PRIMARY KEY("unit_code","day")
);
--> statement-breakpoint
CREATE TABLE "campaign_source_totals" (
	"unit_code" text NOT NULL,
	"source" text NOT NULL,
	"installs" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_source_totals_pk" PRIMARY KEY("unit_code","source")
);
--> statement-breakpoint
CREATE TABLE "campaign_subscriber_reports" (
	"unit_code" text NOT NULL,
	"as_of" date NOT NULL,
	"subscribers" bigint NOT NULL,
	"upload_id" bigint NOT NULL,
	CONSTRAINT "campaign_subscriber_reports_pk" PRIMARY KEY("unit_code","as_of")
);
--> statement-breakpoint
CREATE TABLE "campaign_subscriber_uploads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"row_count" integer NOT NULL,
	"scope_code" text NOT NULL,
	"account_id" bigint,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_subscribers" (
	"unit_code" text NOT NULL,
	"as_of" date NOT NULL,
	"subscribers" bigint NOT NULL,
	CONSTRAINT "campaign_subscribers_pk" PRIMARY KEY("unit_code","as_of")
);
--> statement-breakpoint
CREATE TABLE "campaign_targets" (
	"unit_code" text PRIMARY KEY NOT NULL,
	"percent_bp" integer NOT NULL,
	"deadline" date NOT NULL,
	"account_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_totals" (
	"unit_code" text PRIMARY KEY NOT NULL,
	"installs" bigint DEFAULT 0 NOT NULL,
	"with_phone" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_account_idx" ON "audit_log" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "campaign_agencies_unit_idx" ON "campaign_agencies" USING btree ("unit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_devices_phone_idx" ON "campaign_devices" USING btree ("phone_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_reports_unit_week_idx" ON "campaign_reports" USING btree ("unit_code","week_start");