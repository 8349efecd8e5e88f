ALTER TABLE "runs" DROP COLUMN "cancel_requested";--> statement-breakpoint
ALTER TABLE "runs" DROP COLUMN "worker_id";--> statement-breakpoint
ALTER TABLE "runs" DROP COLUMN "lease_expires_at";