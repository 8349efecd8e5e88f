CREATE TABLE "comparisons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"study_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text NOT NULL,
	"candidates" jsonb NOT NULL,
	"held_by" uuid,
	"hold_expires_at" timestamp with time zone,
	"ranking" jsonb,
	"feedback_pending" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rankings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"comparison_id" uuid NOT NULL,
	"labeler_id" uuid NOT NULL,
	"ranked" jsonb,
	"skipped" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "study_id" uuid;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "labeling" jsonb;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comparisons_study_number_key" ON "comparisons" USING btree ("study_id","number");--> statement-breakpoint
CREATE INDEX "comparisons_open_idx" ON "comparisons" USING btree ("study_id","number") WHERE state = 'OPEN';--> statement-breakpoint
CREATE UNIQUE INDEX "rankings_comparison_labeler_key" ON "rankings" USING btree ("comparison_id","labeler_id");--> statement-breakpoint
CREATE INDEX "rankings_labeler_idx" ON "rankings" USING btree ("labeler_id","created_at");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;