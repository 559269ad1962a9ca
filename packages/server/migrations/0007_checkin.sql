CREATE TABLE "venue_presence_hourly" (
	"venue_id" bigint NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"enters" integer DEFAULT 0 NOT NULL,
	"exits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "venue_presence_hourly_venue_id_hour_pk" PRIMARY KEY("venue_id","hour")
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"commune_code" text NOT NULL,
	"category" text NOT NULL,
	"default_check_in_minutes" integer NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"payload" "bytea" NOT NULL,
	"location_id" "bytea" NOT NULL,
	"tracing_code_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "venues_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "venues_minutes_check" CHECK ("venues"."default_check_in_minutes" BETWEEN 1 AND 1440)
);
--> statement-breakpoint
ALTER TABLE "venue_presence_hourly" ADD CONSTRAINT "venue_presence_hourly_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "venues_commune_idx" ON "venues" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "venues_created_by_idx" ON "venues" USING btree ("created_by");