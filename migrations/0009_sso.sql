CREATE TABLE "sso_features" (
	"study_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "sso_features_study_id_row_pk" PRIMARY KEY("study_id","row")
);
--> statement-breakpoint
CREATE TABLE "sso_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"study_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text NOT NULL,
	"rows" jsonb,
	"batch_size" integer NOT NULL,
	"features" "bytea",
	"targets" "bytea",
	"theta_version" integer NOT NULL,
	"gradient_sha256" text,
	"loss" double precision,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sso_features" ADD CONSTRAINT "sso_features_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_rounds" ADD CONSTRAINT "sso_rounds_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sso_rounds_study_number_key" ON "sso_rounds" USING btree ("study_id","number");