CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"secret_base64" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"kid" text NOT NULL,
	"version" text NOT NULL,
	"public_pem" text NOT NULL,
	"private_pem" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"not_after" timestamp with time zone,
	"active" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_purpose_kid_version_idx" ON "signing_keys" USING btree ("purpose","kid","version");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_one_active_idx" ON "signing_keys" USING btree ("purpose") WHERE "signing_keys"."active";--> statement-breakpoint
CREATE INDEX "signing_keys_not_after_idx" ON "signing_keys" USING btree ("not_after");