CREATE TABLE "verification_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"long_code_hash" text NOT NULL,
	"test_type" text NOT NULL,
	"symptom_date" date,
	"test_date" date,
	"realm" text NOT NULL,
	"issued_by" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"long_expires_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	CONSTRAINT "verification_codes_uuid_unique" UNIQUE("uuid"),
	CONSTRAINT "verification_codes_code_hash_unique" UNIQUE("code_hash"),
	CONSTRAINT "verification_codes_long_code_hash_unique" UNIQUE("long_code_hash")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"test_type" text NOT NULL,
	"symptom_date" date,
	"test_date" date,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "verification_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "diagnosis_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key_data" "bytea" NOT NULL,
	"rolling_start_interval_number" integer NOT NULL,
	"rolling_period" smallint NOT NULL,
	"transmission_risk" smallint NOT NULL,
	"report_type" smallint NOT NULL,
	"days_since_onset" smallint,
	"health_authority" text NOT NULL,
	"traveler" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"revised_report_type" smallint,
	"revised_days_since_onset" smallint,
	"revised_transmission_risk" smallint,
	"revised_at" timestamp with time zone,
	"export_batch_id" bigint,
	"revised_export_batch_id" bigint,
	CONSTRAINT "diagnosis_keys_key_data_unique" UNIQUE("key_data")
);
--> statement-breakpoint
CREATE INDEX "verification_codes_realm_idx" ON "verification_codes" USING btree ("realm","created_at");--> statement-breakpoint
CREATE INDEX "verification_codes_issuer_idx" ON "verification_codes" USING btree ("issued_by","created_at");--> statement-breakpoint
CREATE INDEX "verification_codes_long_expires_idx" ON "verification_codes" USING btree ("long_expires_at");--> statement-breakpoint
CREATE INDEX "verification_tokens_expires_idx" ON "verification_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "diagnosis_keys_available_idx" ON "diagnosis_keys" USING btree ("available_at");--> statement-breakpoint
CREATE INDEX "diagnosis_keys_revised_idx" ON "diagnosis_keys" USING btree ("revised_at");--> statement-breakpoint
CREATE INDEX "diagnosis_keys_rolling_start_idx" ON "diagnosis_keys" USING btree ("rolling_start_interval_number");