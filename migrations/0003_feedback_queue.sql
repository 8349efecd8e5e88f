-- No report may slip between the copy and the drop: writers wait for this migration.
LOCK TABLE "trials" IN ACCESS EXCLUSIVE MODE;--> statement-breakpoint
CREATE TABLE "trial_feedback" (
	"study_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text NOT NULL,
	"trial_id" uuid NOT NULL,
	CONSTRAINT "trial_feedback_study_id_number_state_pk" PRIMARY KEY("study_id","number","state")
);
--> statement-breakpoint
INSERT INTO "trial_feedback" ("study_id", "number", "state", "trial_id") SELECT "study_id", "number", "state", "id" FROM "trials" WHERE "feedback_pending";--> statement-breakpoint
DROP INDEX "trials_feedback_pending_idx";--> statement-breakpoint
ALTER TABLE "trials" DROP COLUMN "feedback_pending";--> statement-breakpoint
CREATE INDEX "trials_waiting_idx" ON "trials" USING btree ("study_id","number") WHERE state = 'REQUESTED' OR (state = 'STALE' AND retried_by IS NULL);--> statement-breakpoint
ALTER TABLE "studies" ALTER COLUMN "algorithm_state" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "trial_feedback" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
