CREATE TABLE "admin_unit_data" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_unit_mapping" (
	"legacy_code" text NOT NULL,
	"new_code" text NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	CONSTRAINT "admin_unit_mapping_pk" PRIMARY KEY("legacy_code","new_code")
);
--> statement-breakpoint
CREATE TABLE "admin_units" (
	"hierarchy" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_ascii" text NOT NULL,
	"search_key" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "admin_units_pk" PRIMARY KEY("hierarchy","code")
);
--> statement-breakpoint
ALTER TABLE "admin_units" ADD CONSTRAINT "admin_units_parent_fk" FOREIGN KEY ("hierarchy","parent_code") REFERENCES "admin_units"("hierarchy","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_unit_mapping_new_idx" ON "admin_unit_mapping" USING btree ("new_code");--> statement-breakpoint
CREATE INDEX "admin_units_parent_idx" ON "admin_units" USING btree ("hierarchy","parent_code");