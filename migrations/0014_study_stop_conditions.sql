ALTER TABLE "studies" ADD COLUMN "max_trials" integer;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "completion_reason" text;