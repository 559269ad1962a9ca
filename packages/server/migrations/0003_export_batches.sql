CREATE TABLE "export_batch_keys" (
	"batch_id" bigint NOT NULL,
	"region" text NOT NULL,
	"kind" text NOT NULL,
	"key_data" "bytea" NOT NULL,
	"rolling_start_interval_number" integer NOT NULL,
	"rolling_period" smallint NOT NULL,
	"transmission_risk" smallint,
	"report_type" smallint,
	"days_since_onset" smallint,
	"revised" boolean DEFAULT false NOT NULL,
	CONSTRAINT "export_batch_keys_pk" PRIMARY KEY("region","kind","key_data")
);
--> statement-breakpoint
CREATE TABLE "export_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"folder" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"key_count" integer NOT NULL,
	"revised_count" integer NOT NULL,
	"padding_count" integer NOT NULL,
	"max_keys_per_file" integer NOT NULL,
	"file_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "export_batch_keys" ADD CONSTRAINT "export_batch_keys_batch_id_export_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "export_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_batch_keys_batch_idx" ON "export_batch_keys" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "export_batches_region_end_idx" ON "export_batches" USING btree ("region","end_at");--> statement-breakpoint
CREATE INDEX "export_batches_status_idx" ON "export_batches" USING btree ("status");