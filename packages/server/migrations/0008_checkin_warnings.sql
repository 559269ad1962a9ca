CREATE TABLE "check_in_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"location_id_hash" "bytea" NOT NULL,
	"iv" "bytea" NOT NULL,
	"encrypted_check_in_record" "bytea" NOT NULL,
	"mac" "bytea" NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "venue_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"venue_id" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"transmission_risk_level" integer NOT NULL,
	"flagged_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "venue_flags" ADD CONSTRAINT "venue_flags_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_in_reports_hour_idx" ON "check_in_reports" USING btree ("hour","id");--> statement-breakpoint
CREATE INDEX "venue_flags_venue_idx" ON "venue_flags" USING btree ("venue_id","starts_at");