CREATE TABLE "materials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"description" text DEFAULT '' NOT NULL,
	"unit_code" text,
	"type" text NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"uploaded_by" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "materials_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "outreach_landing_visits" (
	"day" date NOT NULL,
	"source" text NOT NULL,
	"visits" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "outreach_landing_visits_pk" PRIMARY KEY("day","source")
);
--> statement-breakpoint
CREATE INDEX "materials_created_idx" ON "materials" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "materials_unit_idx" ON "materials" USING btree ("unit_code");