/**
 * The drizzle schema: one source for the tables, the queries and the SQL
 * migrations drizzle-kit generates (`deno task db:generate`).
 *
 * This file is loaded by drizzle-kit under Node as well as by Deno, so it
 * imports nothing but drizzle.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A tenant: every study belongs to one project. */
export const projects = pgTable("projects", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("projects_name_key").on(t.name)]);

/**
 * API keys, stored as SHA-256 hashes; admin keys have no project; labeler
 * tokens belong to one study of their project.
 */
export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey(),
  projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
  role: text("role", { enum: ["admin", "project", "labeler"] }).notNull(),
  /** The study a labeler token may label. */
  studyId: uuid("study_id").references(() => studies.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** The first characters of the key, to recognise it in listings. */
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull(),
  createdAt: createdAt(),
  revokedAt: moment("revoked_at"),
}, (t) => [
  uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
  index("api_keys_project_idx").on(t.projectId),
]);

/** A study: a search space, an objective and the algorithm that explores it. */
export const studies = pgTable("studies", {
  id: uuid("id").primaryKey(),
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  metadata: jsonb("metadata").notNull().default(sql`'{}'::jsonb`),
  state: text("state", { enum: ["ACTIVE", "PAUSED", "COMPLETED"] }).notNull(),
  space: jsonb("space").notNull(),
  objective: jsonb("objective").notNull(),
  algorithmName: text("algorithm_name").notNull(),
  algorithmConfig: jsonb("algorithm_config").notNull(),
  seed: doublePrecision("seed").notNull(),
  /** The designer's saved state; null before its first suggestion. */
  algorithmState: jsonb("algorithm_state"),
  /** Bumped on every save of algorithmState. */
  algorithmStateVersion: integer("algorithm_state_version").notNull().default(0),
  leaseSeconds: integer("lease_seconds").notNull(),
  /** Settings of comparisons (ranking feedback); null for studies without. */
  labeling: jsonb("labeling"),
  /** Trial numbers are handed out from here under the study's row lock. */
  nextTrialNumber: integer("next_trial_number").notNull().default(0),
  /** Stop condition: trials that count (services/study_stops.ts) after which no more go out. */
  maxTrials: integer("max_trials"),
  /** Stop condition: no trial goes out after this moment. */
  deadline: moment("deadline"),
  /** When the study stopped handing out trials (state COMPLETED); null while it does. */
  completedAt: moment("completed_at"),
  /** Why: a stop condition (`maxTrials`, `deadline`) or `manual` (updateStudy). */
  completionReason: text("completion_reason", { enum: ["maxTrials", "deadline", "manual"] }),
  createdAt: createdAt(),
  updatedAt: moment("updated_at").notNull().defaultNow(),
}, (t) => [
  index("studies_project_created_idx").on(t.projectId, t.createdAt, t.id),
  // A study's name is unique in its project: clients find their study again by name.
  uniqueIndex("studies_project_name_key").on(t.projectId, t.name),
]);

/** A study's row, as drizzle reads it. */
export type StudyRow = typeof studies.$inferSelect;

/** One evaluation of one point of a study's space. */
export const trials = pgTable("trials", {
  id: uuid("id").primaryKey(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  number: integer("number").notNull(),
  state: text("state", {
    enum: ["REQUESTED", "ACTIVE", "COMPLETED", "INFEASIBLE", "FAILED", "STALE", "RANKED"],
  }).notNull(),
  params: jsonb("params").notNull(),
  /** Every reported metric, by name. */
  values: jsonb("values"),
  /** Known observation noise variances the client gave, by metric name. */
  variances: jsonb("variances"),
  /** The primary metric as reported, for ordering (best trials). */
  objective: doublePrecision("objective"),
  reason: text("reason"),
  /** What the designer attached to its suggestion (e.g. a particle index). */
  tag: jsonb("tag"),
  clientId: text("client_id"),
  createdAt: createdAt(),
  startedAt: moment("started_at"),
  completedAt: moment("completed_at"),
  leaseExpiresAt: moment("lease_expires_at"),
  /** For a STALE trial whose point was handed out again: the new trial. */
  retriedBy: uuid("retried_by"),
}, (t) => [
  uniqueIndex("trials_study_number_key").on(t.studyId, t.number),
  index("trials_study_state_idx").on(t.studyId, t.state),
  index("trials_active_lease_idx").on(t.studyId, t.leaseExpiresAt).where(sql`state = 'ACTIVE'`),
  index("trials_active_client_idx").on(t.studyId, t.clientId).where(sql`state = 'ACTIVE'`),
  index("trials_objective_idx").on(t.studyId, t.objective).where(sql`state = 'COMPLETED'`),
  /** Points waiting to be handed out (see waitingTrials), oldest first. */
  index("trials_waiting_idx").on(t.studyId, t.number)
    .where(sql`state = 'REQUESTED' OR (state = 'STALE' AND retried_by IS NULL)`),
]);

/**
 * Trials by state over all studies, for /metrics: what trial_state_changes
 * held when it was last folded in (foldTrialStateChanges). Never written by
 * ask or tell, so a scrape reads a few rows and writers never wait on it.
 */
export const trialStateCounts = pgTable("trial_state_counts", {
  state: text("state").primaryKey(),
  n: bigint("n", { mode: "number" }).notNull(),
});

/**
 * Changes of the number of trials in each state, appended by triggers on
 * trials (migration 0012) in the transaction that makes them: one row per
 * state a statement changed, only ever inserted (no row two writers wait on),
 * until folded into trial_state_counts.
 */
export const trialStateChanges = pgTable("trial_state_changes", {
  state: text("state").notNull(),
  n: integer("n").notNull(),
});

/**
 * Trials reported (or gone STALE or FAILED) that the study's designer has not
 * been given yet: a queue, so that handing the reports over deletes narrow
 * rows instead of writing new versions of wide trial rows. A trial is queued
 * once per change of state (STALE, then a late value: two entries, so that a
 * late value committed while a suggestion takes the STALE entry stays queued);
 * readers take each trial once, in its current state. Keyed by the
 * trial's number, which mostly grows as reports come in: new entries land at
 * the end of the study's key range and the deleted ones stay behind on index
 * pages nobody writes to, where index scans can mark them dead for good (with
 * random trial ids as keys, the pages would change under every scan and each
 * suggestion would visit every deleted entry until the next vacuum). No
 * foreign keys (a check per queued row would cost more than the queue saves):
 * deleteStudy deletes a study's entries.
 */
export const trialFeedback = pgTable("trial_feedback", {
  studyId: uuid("study_id").notNull(),
  /** The trial's number: keys grow as trials are reported (see below). */
  number: integer("number").notNull(),
  /** The state the trial was queued in: one entry per change (STALE, then a late value). */
  state: text("state").notNull(),
  trialId: uuid("trial_id").notNull(),
}, (t) => [primaryKey({ columns: [t.studyId, t.number, t.state] })]);

/** A group of trials shown together to labelers, who rank them. */
export const comparisons = pgTable("comparisons", {
  id: uuid("id").primaryKey(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  /** Position in the study, from 0. */
  number: integer("number").notNull(),
  /** OPEN (waiting for rankings), RANKED or SKIPPED (closed). */
  state: text("state", { enum: ["OPEN", "RANKED", "SKIPPED"] }).notNull(),
  /** The candidates' trial ids, in the (random) order labelers see them. */
  candidates: jsonb("candidates").notNull(),
  /** The labeler (key id) holding it, until holdExpiresAt. */
  heldBy: uuid("held_by"),
  holdExpiresAt: moment("hold_expires_at"),
  /** The aggregated ranking (trial ids, best first) once RANKED. */
  ranking: jsonb("ranking"),
  /** Closed but not yet given to the study's designer. */
  feedbackPending: boolean("feedback_pending").notNull().default(false),
  createdAt: createdAt(),
  closedAt: moment("closed_at"),
}, (t) => [
  uniqueIndex("comparisons_study_number_key").on(t.studyId, t.number),
  index("comparisons_open_idx").on(t.studyId, t.number).where(sql`state = 'OPEN'`),
]);

/** One labeler's answer to a comparison: a ranking, or a skip. */
export const rankings = pgTable("rankings", {
  id: uuid("id").primaryKey(),
  comparisonId: uuid("comparison_id").notNull()
    .references(() => comparisons.id, { onDelete: "cascade" }),
  /** The key (labeler token or project key) that answered. */
  labelerId: uuid("labeler_id").notNull(),
  /** Trial ids, best first; null for a skip. */
  ranked: jsonb("ranked"),
  skipped: boolean("skipped").notNull().default(false),
  /**
   * The comparison as submitRanking answered this ranking (its 200 body),
   * replayed when the same labeler sends the same ranking again (a retry).
   */
  answer: jsonb("answer"),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("rankings_comparison_labeler_key").on(t.comparisonId, t.labelerId),
  index("rankings_labeler_idx").on(t.labelerId, t.createdAt),
]);

/** Answers to POSTs that carried an Idempotency-Key, replayed on retry. */
export const idempotencyKeys = pgTable("idempotency_keys", {
  /** Whose key: the API key's project, or "admin". */
  scope: text("scope").notNull(),
  key: text("key").notNull(),
  /** The operationId the key was used with. */
  operation: text("operation").notNull(),
  /** SHA-256 of the request (path and body). */
  requestHash: text("request_hash").notNull(),
  status: integer("status").notNull(),
  response: jsonb("response").notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.scope, t.key] }),
  index("idempotency_keys_created_idx").on(t.createdAt),
]);

/**
 * Raw bytes (PostgreSQL `bytea`). drizzle has no builtin for it; both drivers
 * take a Uint8Array as a bytea parameter and give one back (postgres.js a
 * Buffer, which is one), so nothing is converted here.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * An uploaded model's bytes, content-addressed: the same bytes uploaded twice
 * (by any project) are stored once. A blob lives as long as a `models` row
 * names it: deleteModel deletes it with its last model.
 */
export const modelBlobs = pgTable("model_blobs", {
  /** Hex SHA-256 of the bytes. */
  sha256: text("sha256").primaryKey(),
  sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
  /** How many `model_chunks` rows hold the bytes (seq 0 .. chunks - 1). */
  chunks: integer("chunks").notNull(),
  createdAt: createdAt(),
});

/** The bytes of a blob, in order, 1 MiB a row (the last one shorter). */
export const modelChunks = pgTable("model_chunks", {
  sha256: text("sha256").notNull().references(() => modelBlobs.sha256, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
  data: bytea("data").notNull(),
}, (t) => [primaryKey({ columns: [t.sha256, t.seq] })]);

/** An ONNX model a project uploaded: a name, its blob and its signature. */
export const models = pgTable("models", {
  id: uuid("id").primaryKey(),
  projectId: uuid("project_id").notNull().references(() => projects.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  sha256: text("sha256").notNull().references(() => modelBlobs.sha256),
  sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
  /** Inputs, outputs (name, type, shape), opset and producer, as onnxruntime read them. */
  signature: jsonb("signature").notNull(),
  /** The execution provider the model loaded with at upload. */
  provider: text("provider").notNull(),
  createdAt: createdAt(),
}, (t) => [
  index("models_project_created_idx").on(t.projectId, t.createdAt, t.id),
  index("models_sha256_idx").on(t.sha256),
]);

/** A model's row, as drizzle reads it. */
export type ModelRow = typeof models.$inferSelect;

/**
 * A run: the service drives a study whose objective is a model to its end
 * itself (services/runs/). The row and its batches in flight (`run_batches`)
 * are the run's whole durable state, so any process can carry it on: workers
 * open batches on it (reserving trials of its budget in `in_flight`), each
 * under its own lease, and count the trials they completed in the same
 * transaction as their completion.
 * `schedule_id` and `tick` name the schedule tick that started a run (see
 * `schedules`; one run per tick is their unique key).
 */
export const runs = pgTable("runs", {
  id: uuid("id").primaryKey(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  state: text("state", { enum: ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] })
    .notNull(),
  /** Trials the run evaluates, at most. */
  budget: integer("budget").notNull(),
  /** Trials asked for and evaluated together. */
  batchSize: integer("batch_size").notNull(),
  /** The deadline, in seconds from the run's start. */
  maxSeconds: doublePrecision("max_seconds"),
  /** The target: the run stops once its best primary metric reaches it. */
  stopAtValue: doublePrecision("stop_at_value"),
  /** The run's trials finished with a result (COMPLETED or INFEASIBLE). */
  completed: integer("completed").notNull().default(0),
  /** The best primary metric among the run's trials, and its trial. */
  bestValue: doublePrecision("best_value"),
  bestTrialId: uuid("best_trial_id"),
  /** Why a SUCCEEDED or CANCELLED run stopped. */
  stopReason: text("stop_reason", {
    enum: ["budget", "deadline", "target", "cancelled", "study_complete"],
  }),
  /** Why a run FAILED. */
  reason: text("reason"),
  /** Trials reserved by its batches in flight: completed + in_flight never passes the budget. */
  inFlight: integer("in_flight").notNull().default(0),
  /** Batches opened so far (the next batch's `seq`). */
  batches: integer("batches").notNull().default(0),
  /** What a worker must have to take its batches: null (any), or "gpu". */
  requires: text("requires", { enum: ["gpu"] }),
  /** 1 once a worker opened its first batch, and one more for each batch taken over from a lost worker. */
  claims: integer("claims").notNull().default(0),
  /** The id of its last event (run_events.seq). */
  lastEventId: integer("last_event_id").notNull().default(0),
  scheduleId: uuid("schedule_id"),
  tick: moment("tick"),
  createdAt: createdAt(),
  startedAt: moment("started_at"),
  finishedAt: moment("finished_at"),
  updatedAt: moment("updated_at").notNull().defaultNow(),
}, (t) => [
  index("runs_study_created_idx").on(t.studyId, t.createdAt, t.id),
  /** Where workers open batches: QUEUED and RUNNING runs. */
  index("runs_claimable_idx").on(t.createdAt).where(sql`state IN ('QUEUED', 'RUNNING')`),
  uniqueIndex("runs_schedule_tick_key").on(t.scheduleId, t.tick),
]);

/** A run's row, as drizzle reads it. */
export type RunRow = typeof runs.$inferSelect;

/**
 * A run's batches in flight: the queue workers claim from. A batch is
 * opened by a worker (its trials reserved in the run's `in_flight`), held
 * under a lease the worker heartbeats, and deleted in the transaction that
 * completes and counts its trials. A batch whose lease lapsed (its worker
 * died) is taken over, with its trials (client `run:{run}/{seq}`), by the
 * next worker that claims; one given back (`released`, its worker
 * stopping) is taken over without counting a lost worker.
 */
export const runBatches = pgTable("run_batches", {
  runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
  /** Trials reserved for it. */
  size: integer("size").notNull(),
  workerId: text("worker_id").notNull(),
  leaseExpiresAt: moment("lease_expires_at").notNull(),
  /** Workers lost in the middle of it (their leases lapsed). */
  takeovers: integer("takeovers").notNull().default(0),
  /** Its worker gave it back (stopping): the next taker counts no lost worker. */
  released: boolean("released").notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.runId, t.seq] }),
  /** Where workers look for batches to take over. */
  index("run_batches_lease_idx").on(t.leaseExpiresAt),
]);

/** A batch's row, as drizzle reads it. */
export type RunBatchRow = typeof runBatches.$inferSelect;

/**
 * What happened in a run, in order (`seq` from 1): state changes and
 * progress. watchRun streams them as Server-Sent Events with `seq` as the
 * event id, so a client that reconnects with Last-Event-ID gets what it
 * missed.
 */
export const runEvents = pgTable("run_events", {
  runId: uuid("run_id").notNull().references(() => runs.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
  kind: text("kind", { enum: ["state", "progress"] }).notNull(),
  data: jsonb("data").notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.runId, t.seq] })]);

/**
 * A schedule: a study's run template started at each tick of a cron
 * expression (services/schedules*.ts). `next_tick_at` is the first tick not
 * yet handled: schedulers in every process look for schedules whose
 * `next_tick_at` has come. Which of them starts a tick's run is decided by
 * schedule_ticks' primary key, not by this row.
 */
export const schedules = pgTable("schedules", {
  id: uuid("id").primaryKey(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  /** The cron expression (5 fields, or 6 with seconds first), as croner reads it. */
  cron: text("cron").notNull(),
  /** The IANA time zone the expression is read in. */
  timezone: text("timezone").notNull(),
  /** The startRun body each tick starts. */
  run: jsonb("run").notNull(),
  overlap: text("overlap", { enum: ["skip", "queue", "cancel-previous"] }).notNull(),
  catchUp: text("catch_up", { enum: ["none", "one"] }).notNull(),
  paused: boolean("paused").notNull().default(false),
  /** The first tick not yet handled (null while paused). */
  nextTickAt: moment("next_tick_at"),
  createdAt: createdAt(),
  updatedAt: moment("updated_at").notNull().defaultNow(),
}, (t) => [
  index("schedules_study_created_idx").on(t.studyId, t.createdAt, t.id),
  /** What schedulers look for: unpaused schedules by their next tick. */
  index("schedules_due_idx").on(t.nextTickAt).where(sql`NOT paused`),
]);

/** A schedule's row, as drizzle reads it. */
export type ScheduleRow = typeof schedules.$inferSelect;

/**
 * The ticks a schedule handled: one row per (schedule, tick), inserted with
 * ON CONFLICT DO NOTHING by whichever process's scheduler gets there first,
 * which alone then acts on the tick. So each tick starts at most one run
 * however many processes tick the schedule. `outcome`: `started` (run_id is
 * the run), `skipped` (overlap `skip` while the previous run was going),
 * `failed` (the run could not start: `reason`).
 */
export const scheduleTicks = pgTable("schedule_ticks", {
  scheduleId: uuid("schedule_id").notNull().references(() => schedules.id, {
    onDelete: "cascade",
  }),
  tick: moment("tick").notNull(),
  outcome: text("outcome", { enum: ["started", "skipped", "failed"] }).notNull(),
  runId: uuid("run_id"),
  reason: text("reason"),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.scheduleId, t.tick] })]);

/** A schedule tick's row. */
export type ScheduleTickRow = typeof scheduleTicks.$inferSelect;

/**
 * The features of an sso study (services/sso/): its data set's rows, one
 * table row per data row, numbered from 0 in upload order. Data, not
 * algorithm state: a round reads the rows it draws by primary key.
 */
export const ssoFeatures = pgTable("sso_features", {
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  /** The row's number in upload order, from 0. */
  row: integer("row").notNull(),
  /** The row's p features as float64, little-endian. */
  data: bytea("data").notNull(),
}, (t) => [primaryKey({ columns: [t.studyId, t.row] })]);

/**
 * A round of an sso study: the targets z_t = f(θ; X) handed out for a batch
 * of rows (drawn, named, or sent with the round), and once completed, the
 * client's loss and what the inner steps did. The targets and the round's
 * own features are kept while the round is open (its gradient is applied to
 * the surrogate around its own z_t) and cleared when it completes.
 */
export const ssoRounds = pgTable("sso_rounds", {
  id: uuid("id").primaryKey(),
  studyId: uuid("study_id").notNull().references(() => studies.id, { onDelete: "cascade" }),
  /** Position in the study, from 0. */
  number: integer("number").notNull(),
  state: text("state", { enum: ["OPEN", "COMPLETED"] }).notNull(),
  /** The feature rows of the batch, in order; null when the round carried its own features. */
  rows: jsonb("rows"),
  /** Rows in the batch (b). */
  batchSize: integer("batch_size").notNull(),
  /** The round's own features (float64, b×p), while open. */
  features: bytea("features"),
  /** z_t (float64, b×c), while open. */
  targets: bytea("targets"),
  /** The version of θ the targets were computed at. */
  thetaVersion: integer("theta_version").notNull(),
  /** SHA-256 of the gradient that completed the round: a retry with it replays. */
  gradientSha256: text("gradient_sha256"),
  /** The loss the client reported with the gradient, if any. */
  loss: doublePrecision("loss"),
  /** What the inner steps did (θ's new version, the steps, the surrogate's values). */
  result: jsonb("result"),
  createdAt: createdAt(),
  completedAt: moment("completed_at"),
}, (t) => [uniqueIndex("sso_rounds_study_number_key").on(t.studyId, t.number)]);

/** An sso round's row, as drizzle reads it. */
export type SsoRoundRow = typeof ssoRounds.$inferSelect;

/**
 * The audit log: who minted or revoked a key, created a project or deleted a
 * study, when, and under which request. Written in the transaction of the
 * change it records, so a change rolled back leaves no event; it never holds
 * a secret (keys appear by id). No foreign keys: an event outlives what it
 * names.
 */
export const auditEvents = pgTable("audit_events", {
  id: uuid("id").primaryKey(),
  /** When the change happened (the clock of the process that made it). */
  createdAt: createdAt(),
  /** The admin or project key's id that made the change, or "bootstrap" (MINIMA_ADMIN_KEY). */
  actor: text("actor").notNull(),
  /** What happened: "api_key.created", "study.deleted", … */
  action: text("action").notNull(),
  /** The kind of what it happened to: "api_key", "admin_key", "labeler_token", "project", "study". */
  targetType: text("target_type").notNull(),
  targetId: text("target_id").notNull(),
  /** The project it happened in (null for admin keys). */
  projectId: uuid("project_id"),
  /** The request's id (X-Request-Id), to find it in the logs. */
  requestId: text("request_id").notNull(),
  /** What else is worth keeping (a name), never a secret. */
  details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
}, (t) => [
  index("audit_events_created_idx").on(t.createdAt, t.id),
  index("audit_events_action_created_idx").on(t.action, t.createdAt, t.id),
  index("audit_events_project_created_idx").on(t.projectId, t.createdAt, t.id),
]);

/** An audit event's row. */
export type AuditEventRow = typeof auditEvents.$inferSelect;
