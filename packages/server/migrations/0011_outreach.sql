CREATE TABLE "outreach_arrivals" (
	"province_code" text NOT NULL,
	"recipient_hash" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"stay_started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outreach_arrivals_pk" PRIMARY KEY("province_code","recipient_hash")
);
--> statement-breakpoint
CREATE TABLE "outreach_campaigns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"audience_kind" text NOT NULL,
	"unit_code" text NOT NULL,
	"template" text NOT NULL,
	"subject" text,
	"zalo_template_id" text,
	"start_at" timestamp with time zone NOT NULL,
	"quiet_start_minute" integer NOT NULL,
	"quiet_end_minute" integer NOT NULL,
	"repeat_every_days" integer,
	"stop_at" timestamp with time zone,
	"max_messages" integer NOT NULL,
	"status" text NOT NULL,
	"rounds_planned" integer DEFAULT 0 NOT NULL,
	"next_round_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_optouts" (
	"recipient_hash" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" bigint,
	"recipient_id" bigint,
	"round" integer NOT NULL,
	"channel" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recipient_hash" text NOT NULL,
	"address_sealed" "bytea",
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"provider_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_recipients" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" bigint NOT NULL,
	"recipient_hash" text NOT NULL,
	"address_sealed" "bytea",
	"unit_code" text,
	"rounds_sent" integer DEFAULT 0 NOT NULL,
	"opted_out" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outreach_recipients" ADD CONSTRAINT "outreach_recipients_campaign_id_outreach_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "outreach_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_outbox_idempotency_idx" ON "outreach_outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outreach_outbox_due_idx" ON "outreach_outbox" USING btree ("next_attempt_at") WHERE "outreach_outbox"."status" in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "outreach_outbox_campaign_idx" ON "outreach_outbox" USING btree ("campaign_id","round","status");--> statement-breakpoint
CREATE INDEX "outreach_outbox_provider_idx" ON "outreach_outbox" USING btree ("channel","provider_id");--> statement-breakpoint
CREATE INDEX "outreach_outbox_hash_idx" ON "outreach_outbox" USING btree ("recipient_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_recipients_campaign_hash_idx" ON "outreach_recipients" USING btree ("campaign_id","recipient_hash");