CREATE TABLE "trial_feedback" (
	"study_id" uuid NOT NULL,
	"trial_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE INDEX "trial_feedback_study_idx" ON "trial_feedback" USING btree ("study_id");--> statement-breakpoint
INSERT INTO "trial_feedback" ("study_id", "trial_id") SELECT "study_id", "id" FROM "trials" WHERE "feedback_pending";--> statement-breakpoint
DROP INDEX "trials_feedback_pending_idx";--> statement-breakpoint
ALTER TABLE "trials" DROP COLUMN "feedback_pending";--> statement-breakpoint
ALTER TABLE "studies" ALTER COLUMN "algorithm_state" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "trial_feedback" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
