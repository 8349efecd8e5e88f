CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text NOT NULL,
	"space" jsonb NOT NULL,
	"objective" jsonb NOT NULL,
	"algorithm_name" text NOT NULL,
	"algorithm_config" jsonb NOT NULL,
	"seed" double precision NOT NULL,
	"algorithm_state" jsonb,
	"algorithm_state_version" integer DEFAULT 0 NOT NULL,
	"lease_seconds" integer NOT NULL,
	"next_trial_number" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"study_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" text NOT NULL,
	"params" jsonb NOT NULL,
	"values" jsonb,
	"objective" double precision,
	"reason" text,
	"tag" jsonb,
	"client_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"lease_expires_at" timestamp with time zone,
	"feedback_pending" boolean DEFAULT false NOT NULL,
	"retried_by" uuid
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_project_idx" ON "api_keys" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_name_key" ON "projects" USING btree ("name");--> statement-breakpoint
CREATE INDEX "studies_project_created_idx" ON "studies" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "trials_study_number_key" ON "trials" USING btree ("study_id","number");--> statement-breakpoint
CREATE INDEX "trials_study_state_idx" ON "trials" USING btree ("study_id","state");--> statement-breakpoint
CREATE INDEX "trials_active_lease_idx" ON "trials" USING btree ("study_id","lease_expires_at") WHERE state = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "trials_active_client_idx" ON "trials" USING btree ("study_id","client_id") WHERE state = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "trials_feedback_pending_idx" ON "trials" USING btree ("study_id","number") WHERE feedback_pending;--> statement-breakpoint
CREATE INDEX "trials_objective_idx" ON "trials" USING btree ("study_id","objective") WHERE state = 'COMPLETED';