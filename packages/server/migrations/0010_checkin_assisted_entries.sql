CREATE TABLE "checkin_assisted_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"venue_id" bigint NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"sealed" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkin_assisted_entries" ADD CONSTRAINT "checkin_assisted_entries_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkin_assisted_entries_venue_idx" ON "checkin_assisted_entries" USING btree ("venue_id","hour");--> statement-breakpoint
CREATE INDEX "checkin_assisted_entries_hour_idx" ON "checkin_assisted_entries" USING btree ("hour");