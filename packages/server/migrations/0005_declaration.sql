CREATE TABLE "declarants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key_hash" text NOT NULL,
	"last_declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declarants_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "declaration_counts" (
	"day" date NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"metric" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "declaration_counts_pk" PRIMARY KEY("day","commune_code","metric"),
	CONSTRAINT "declaration_counts_nonnegative" CHECK ("declaration_counts"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "declaration_follow_ups" (
	"declaration_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sealed" "bytea" NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declaration_follow_ups_pk" PRIMARY KEY("declaration_id","day")
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"declarant_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"declared_on" date NOT NULL,
	"province_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"destination_province_code" text,
	"destination_commune_code" text,
	"symptoms" text[] NOT NULL,
	"exposures" text[] NOT NULL,
	"sealed" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "declaration_follow_ups" ADD CONSTRAINT "declaration_follow_ups_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "declarations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_declarant_id_declarants_id_fk" FOREIGN KEY ("declarant_id") REFERENCES "declarants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declarants_last_declared_idx" ON "declarants" USING btree ("last_declared_at");--> statement-breakpoint
CREATE INDEX "declaration_counts_province_idx" ON "declaration_counts" USING btree ("province_code","day");--> statement-breakpoint
CREATE INDEX "declaration_counts_commune_idx" ON "declaration_counts" USING btree ("commune_code","day");--> statement-breakpoint
CREATE INDEX "declarations_declarant_idx" ON "declarations" USING btree ("declarant_id","created_at");--> statement-breakpoint
CREATE INDEX "declarations_created_idx" ON "declarations" USING btree ("created_at");