CREATE TABLE "run_events" (
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"study_id" uuid NOT NULL,
	"state" text NOT NULL,
	"budget" integer NOT NULL,
	"batch_size" integer NOT NULL,
	"max_seconds" double precision,
	"stop_at_value" double precision,
	"completed" integer DEFAULT 0 NOT NULL,
	"best_value" double precision,
	"best_trial_id" uuid,
	"stop_reason" text,
	"reason" text,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"worker_id" text,
	"lease_expires_at" timestamp with time zone,
	"claims" integer DEFAULT 0 NOT NULL,
	"last_event_id" integer DEFAULT 0 NOT NULL,
	"schedule_id" uuid,
	"tick" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_study_created_idx" ON "runs" USING btree ("study_id","created_at","id");--> statement-breakpoint
CREATE INDEX "runs_claimable_idx" ON "runs" USING btree ("created_at") WHERE state IN ('QUEUED', 'RUNNING');--> statement-breakpoint
CREATE UNIQUE INDEX "runs_schedule_tick_key" ON "runs" USING btree ("schedule_id","tick");