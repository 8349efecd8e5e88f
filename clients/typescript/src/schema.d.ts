// Generated from openapi/openapi.json by `deno task client:ts` (openapi-typescript); do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers
         * @description For liveness probes: answers 200 while the process runs, without touching the database. Needs no key.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers and every migration is applied
         * @description For readiness probes: 200 when the database answers and every migration is applied, else 503 naming the failed check; reports the ONNX runtime's state too. Needs no key.
         */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics: requests, trials by state, database pool, designer workers, process (memory, event-loop lag)
         * @description Totals over all projects: no series is labelled with a project, a study or a key. With MINIMA_METRICS_TOKEN set, the scrape must send `Authorization: Bearer <token>`.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Admin only. Ordered by name, paginated with a cursor.
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project
         * @description Admin only. Projects own studies and API keys; names are unique.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project's API keys
         * @description Admin only. Revoked keys are listed with `revokedAt`; keys themselves never are.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Mint an API key for a project
         * @description Admin only. The answer holds the key, the only time it is shown: only its SHA-256 hash is stored. A project key sees its project's studies and nothing else. With an `Idempotency-Key`, a retry mints nothing and, since the key is not kept, answers 409 (`errors[0].rule`: `shown_once`) naming the key's id: revoke it and mint another if the first answer was lost.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Admin only. The key stops working at once on this process and, as soon as the revocation reaches them (well within a second), on others. Revoking twice is harmless.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List admin keys
         * @description Admin only. The stored admin keys, oldest first, revoked ones with `revokedAt`; keys themselves never are, and `MINIMA_ADMIN_KEY` (not stored) is not listed.
         */
        get: operations["listAdminKeys"];
        put?: never;
        /**
         * Mint an admin key
         * @description Admin only. The answer holds the key, the only time it is shown: only its SHA-256 hash is stored. An admin key manages projects, their keys, admin keys and reads the audit log. With an `Idempotency-Key`, a retry mints nothing and answers 409 (`errors[0].rule`: `shown_once`) naming the key's id: revoke it and mint another if the first answer was lost. Rotating away from `MINIMA_ADMIN_KEY`: mint one with it, move clients to the new key, then start the processes without `MINIMA_ADMIN_KEY`.
         */
        post: operations["createAdminKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an admin key
         * @description Admin only. The key stops working at once on this process and within 5 seconds on others (the same path as every key's revocation). Revoking twice is harmless. The last live admin key cannot be revoked unless this process has `MINIMA_ADMIN_KEY` (409, `errors[0].rule`: `last_admin_key`): that would lock every admin out.
         */
        delete: operations["revokeAdminKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events
         * @description Admin only. Every key minted or revoked (admin keys, project keys, labeler tokens), every project created and every study deleted: who (`actor`, a key's id), when, what, and the request's id. Each event was written in the transaction of its change. Newest first, paginated with a cursor.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/algorithms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the algorithms a study can use
         * @description Each algorithm's name, what it does, the feedback kinds it accepts and the JSON Schema of its config.
         */
        get: operations["listAlgorithms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the project's studies
         * @description Newest first, paginated with a cursor; optionally only studies in one state, or the study of one name.
         */
        get: operations["listStudies"];
        put?: never;
        /**
         * Create a study
         * @description A search space, an objective (the first metric is optimised, others recorded) and an algorithm (see listAlgorithms) with its config and an optional seed; a seeded study is deterministic. Floats and ints may have a `step`; `scale: log` needs min > 0. Names are unique in a project: with `"ifExists": "return"` an existing study of that name is answered (200) when its definition matches, else 409 naming each difference. Without an algorithm, minima chooses one for the space and says why (`algorithm.reason`). A study whose algorithm could not compute its first suggestions within the design memory budget (`MINIMA_DESIGN_MEMORY_BYTES`) is refused with a 422 naming the field to change (rule `design_memory`).
         */
        post: operations["createStudy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a study
         * @description The study with its trials counted by state, its progress toward its stop conditions (`progress`), its best trial (`best`) and, once COMPLETED, why and when (`completion`; an ACTIVE study past its deadline shows as COMPLETED). Another project's study is a 404.
         */
        get: operations["getStudy"];
        put?: never;
        post?: never;
        /**
         * Delete a study and all its trials
         * @description Deletes the study with its trials, runs, schedules, comparisons and labeler tokens; the deletion is recorded in the audit log with the study's name. Cannot be undone.
         */
        delete: operations["deleteStudy"];
        options?: never;
        head?: never;
        /**
         * Rename a study, replace its metadata, change its state or its stop conditions
         * @description PAUSED and COMPLETED studies hand out no trials (suggestTrials is a 409) but still accept results. `settings.maxTrials` and `settings.deadline` (null removes one; a deadline must be in the future) re-open a study they completed when they no longer stop it, and complete one they stop now; `state: ACTIVE` on a study its conditions still stop is a 409 naming the setting to change.
         */
        patch: operations["updateStudy"];
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for trials to evaluate
         * @description Hands out up to `count` ACTIVE trials, each holding a lease (the study's `leaseSeconds`). A client that asks again while it still holds ACTIVE trials gets those back first (their leases renewed); then trials created with createTrial and not yet evaluated; then the points of STALE trials, handed out again; then new points from the algorithm. Never hands one trial to two clients. An algorithm that works in generations may return fewer than asked. A suggestion the algorithm cannot compute within the design memory budget (`MINIMA_DESIGN_MEMORY_BYTES`) hands nothing out: a 422 naming `count` (rule `design_memory`) when fewer points would fit, else a 409. A study's stop conditions (`settings.maxTrials`, `settings.deadline`) bound what goes out: a batch that asks for more than maxTrials leaves gets what is left (`stop` says so) and completes the study; a complete study answers 409 of type `urn:minima:problem:study-complete` (rule `study_complete`, the condition as the field, and the members `completion` {reason, completedAt} and `best` {trialId, number, value}), except that a client still holding ACTIVE trials gets those back.
         */
        post: operations["suggestTrials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a study's trials
         * @description Ordered by trial number, paginated with a cursor, optionally in one state.
         */
        get: operations["listTrials"];
        put?: never;
        /**
         * Add a trial at a point of your choosing
         * @description Without a result the trial is REQUESTED and the next suggestTrials hands it out; with `values` (or `infeasible`) it is finished at once: warm starts and manual tries.
         */
        post: operations["createTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/best": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The best trials so far
         * @description COMPLETED trials ordered by the first metric (by its goal), best first; `recommendation` is the algorithm's own pick where it makes one, including every result reported so far (gp-bo: the evaluated point with the best posterior mean; cbo: the consensus point; zo-rank-sgd: the current point x_t), else null.
         */
        get: operations["getBestTrials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export every trial (CSV or JSON Lines, streamed)
         * @description All trials by number, streamed in constant memory. CSV has one column per parameter (`params.<name>`) and per metric (`values.<name>`); JSON Lines has one trial object per line.
         */
        get: operations["exportTrials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report up to 1000 results at once
         * @description One transaction: all items are applied or none. One bad item rejects the request and is named in `errors` (e.g. `items[3].values.value`). Items already finished with the same result are accepted as retries.
         */
        post: operations["completeTrials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/{trialId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a trial
         * @description One trial of the study by id: its state, params, values and lease.
         */
        get: operations["getTrial"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/{trialId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a trial's result
         * @description `values` (the study's first metric required), or `infeasible: true` with an optional reason. Accepted for REQUESTED, ACTIVE, STALE and FAILED trials: a late result is kept. Repeating the same result is harmless; a different result for a finished trial is a 409.
         */
        post: operations["completeTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/{trialId}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Keep an ACTIVE trial's lease
         * @description Extends the lease by the study's `leaseSeconds` from now. 409 once the trial is not ACTIVE.
         */
        post: operations["heartbeatTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/trials/{trialId}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report that a trial could not be evaluated
         * @description Marks a REQUESTED, ACTIVE or STALE trial FAILED (a crash, not a property of the point).
         */
        post: operations["failTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a study's runs
         * @description Newest first, paginated with a cursor, optionally in one state.
         */
        get: operations["listRuns"];
        put?: never;
        /**
         * Start a run: minima evaluates the study's model itself
         * @description Queues a run of a study whose objective is a model (`objective.evaluator`). A run worker drives the study's own algorithm through the same suggestions and completions HTTP clients use, as the client `run:{runId}`, evaluates each batch with the model, and stops at the budget, the deadline or the target, whichever comes first. Its trials are ordinary trials. A run survives a restart of the service: another worker carries it on, and every trial is completed exactly once. 409 for a study without a model or not ACTIVE.
         */
        post: operations["startRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a run
         * @description One run of the study by id: its state, budget, progress and best trial so far (watchRun streams the same as it changes).
         */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/runs/{runId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a run
         * @description The run ends CANCELLED at once, whoever works on it: its batches in flight are dropped (their trials become STALE; results still being evaluated are not recorded), and every trial completed before stays. Cancelling a CANCELLED run answers it again; a run that SUCCEEDED or FAILED is a 409.
         */
        post: operations["cancelRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/runs/{runId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a run (Server-Sent Events)
         * @description A `text/event-stream` of the run's events, from the first (or after `Last-Event-ID`), as they happen. Each has an `id:` (its number in the run, from 1). `event: state` carries `{state, stopReason, reason, completed, best}` at every change of state; `event: progress` carries `{completed, budget, best, evaluationsPerSecond, elapsedSeconds}` after batches. The stream ends after the event of a final state (SUCCEEDED, FAILED, CANCELLED). A client that reconnects with `Last-Event-ID` gets exactly the events it missed; once the run has ended and nothing follows `Last-Event-ID`, the answer is 204 No Content, which stops a browser's EventSource from reconnecting. Progress events are written at most about once a second per run (and for the batch that reaches the budget or the target); the state event that ends a run carries its final `completed` and `best`.
         */
        get: operations["watchRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a study's schedules
         * @description Newest first, paginated with a cursor.
         */
        get: operations["listSchedules"];
        put?: never;
        /**
         * Schedule runs of a study with a cron expression
         * @description At each tick of `cron` (in `timezone`), a run is started with `run` (startRun's body) and carries `scheduleId` and `tick`. Each tick starts at most one run however many minima processes run a scheduler (MINIMA_SCHEDULER). The first tick is the first after now. A bad `cron` or `timezone` is a 422 naming it; a study without a model (`objective.evaluator`) a 409.
         */
        post: operations["createSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/schedules/{scheduleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a schedule, its next ticks and its last runs
         * @description One schedule by id, with its next ticks (when it will start runs) and the runs it started last.
         */
        get: operations["getSchedule"];
        put?: never;
        post?: never;
        /**
         * Delete a schedule
         * @description No tick starts a run after this; the runs it started stay, with their `scheduleId` and `tick`.
         */
        delete: operations["deleteSchedule"];
        options?: never;
        head?: never;
        /**
         * Change, pause or resume a schedule
         * @description Any of the fields; the others stay. `{"paused": true}` pauses it, `{"paused": false}` resumes it from now. A new `cron` or `timezone` starts its ticks again from now.
         */
        patch: operations["updateSchedule"];
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the next comparison to rank
         * @description The oldest OPEN comparison you have not answered and nobody else holds; else, while fewer than the study's `labeling.maxOpen` are open, a new one made of the algorithm's next candidates. You hold it for `labeling.holdSeconds`; one you abandon returns to the pool. When none is available, `comparison` is null and `retryAfterSeconds` says when to ask again.
         */
        post: operations["nextComparison"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/{comparisonId}/ranking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rank a comparison's candidates, best first
         * @description List exactly `rankingLength` candidate ids, best first; no ties, no repeats, no unknown ids. Only the labeler holding the comparison may rank it, once. When it has its `rankingsNeeded` rankings it closes (RANKED) and the algorithm learns from the aggregate. Safe to retry: the same ranking sent again by the same labeler answers what the first answered (200, the comparison as it was then, with `Idempotent-Replayed: true`), with or without an `Idempotency-Key`; another ranking of a comparison you have answered is a 409 naming it (undoRanking takes the first back).
         */
        post: operations["submitRanking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/{comparisonId}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip a comparison you cannot decide
         * @description It goes back to the pool for other labelers; after `labeling.skipsToClose` skips it closes as SKIPPED and the algorithm moves on without learning from it.
         */
        post: operations["skipComparison"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/{comparisonId}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take back your ranking (or skip) of a comparison
         * @description Allowed while the algorithm has not yet used the comparison's result (a 409 after). The comparison is OPEN again and held by you.
         */
        post: operations["undoRanking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a study's comparisons
         * @description By number, optionally of one state; cursor pagination.
         */
        get: operations["listComparisons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export every comparison and every labeler's answer (CSV or JSON Lines, streamed)
         * @description All comparisons by number, streamed in constant memory, each with its candidates, the aggregated ranking and every labeler's answer (who, the ranking or a skip, when). JSON Lines: one comparison a line, candidates with their params, `answers` in the order they came. CSV: one record per answer (an unanswered comparison: one record, answer cells empty); lists of candidate ids are space-separated, best first. Text a spreadsheet would run as a formula starts with `'`, as in exportTrials. Project keys only: a labeler token sees no other labeler's answers.
         */
        get: operations["exportComparisons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/{comparisonId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one comparison
         * @description One comparison of the study by id: its candidates, its state, and the rankings it needs and has received.
         */
        get: operations["getComparison"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/comparisons/{comparisonId}/candidates/{candidateId}/rendering": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a candidate's rendering (an image)
         * @description Drawn by the study's renderer (`labeling.renderer`) from the candidate's params: SVG from a built-in renderer, PNG (8-bit RGB) from a model renderer.
         */
        get: operations["renderCandidate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/labelers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a study's labeler tokens
         * @description The study's labeler tokens, revoked ones included (revokedAt set); the tokens themselves are never shown again, only their prefixes.
         */
        get: operations["listLabelerTokens"];
        put?: never;
        /**
         * Mint a labeler token for a study
         * @description The token can fetch, rank, skip and undo this study's comparisons and see their renderings, nothing else. It is shown once; only its hash is stored. Open the labeling page at `/label/{studyId}#token=<token>`. With an `Idempotency-Key`, a retry mints nothing and, since the token is not kept, answers 409 (`errors[0].rule`: `shown_once`) naming the token's id: revoke it and mint another if the first answer was lost.
         */
        post: operations["createLabelerToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/labelers/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a labeler token
         * @description Revokes the token at once: its next request answers 401. The revocation is recorded in the audit log.
         */
        delete: operations["revokeLabelerToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the project's models
         * @description Newest first, paginated with a cursor.
         */
        get: operations["listModels"];
        put?: never;
        /**
         * Upload an ONNX model
         * @description The body is the `.onnx` file's bytes (`application/octet-stream`), streamed: at most MINIMA_MAX_MODEL_BYTES (default 256 MiB; 413 beyond, as soon as the stream passes it). onnxruntime loads the model before it is stored: bytes that are not ONNX, are truncated or use an operator the runtime lacks are a 422 with onnxruntime's reason, and nothing is stored. A 503 when this process runs no ONNX runtime, or no configured execution provider works here (e.g. only `cuda` without its libraries). The same bytes uploaded twice are stored once (content-addressed by SHA-256). With an Idempotency-Key, a retry with the same name and bytes answers as the first upload.
         */
        post: operations["uploadModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{modelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a model
         * @description Its signature (inputs, outputs, opset, producer) and the provider it loaded with. Another project's model is a 404.
         */
        get: operations["getModel"];
        put?: never;
        post?: never;
        /**
         * Delete a model
         * @description A 409 while a study's objective uses the model (delete the study first). Its bytes are deleted with the last model that names them.
         */
        delete: operations["deleteModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{modelId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a model's bytes
         * @description The original `.onnx` bytes, streamed; `ETag` is their SHA-256.
         */
        get: operations["downloadModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{modelId}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate a model on a batch
         * @description Every input of the model by name, as `{shape, data}` or `{shape, dataBase64}` (little-endian bytes of the input's element type, for large batches), or in a binary body (`application/octet-stream`, below); outputs come back as `{type, shape, data}`, or as `{type, shape, dataBase64}` with `"outputEncoding": "base64"`, or as bytes with `Accept: application/octet-stream`. Types and shapes are checked against the model's signature; each mismatch is a 422 naming the input (`inputs.x.shape`). At most 65536 rows per input and 4194304 values in all (rows × width) per request, checked before any work; a body beyond MINIMA_MAX_BODY_BYTES is a 413 before it is read. A binary body (after Triton's binary tensor data extension): the header `Inference-Header-Content-Length: <n>`; the body's first n bytes are a JSON header (`EvaluateModelBinaryHeader`: the inputs' shapes without values, e.g. `{"inputs": {"x": {"shape": [4096, 20]}}}`), then each input's values as raw little-endian bytes of its element type (a Float32Array's bytes for float32), in the order of the model's inputs (getModel's `inputs`), shape × element size bytes each. The cheapest form for large batches: no JSON numbers, no base64. Its bytes must be exactly what the shapes take: a 422 naming the input whose bytes run short (`inputs.x`, rule `count`) or `inputs` when bytes are left over; a missing or wrong `Inference-Header-Content-Length` is a 400 naming it, a header that is not JSON a 400. Concurrent requests for a model are merged into one session run (dynamic batching; only requests of one project, of a model whose inputs and outputs share a symbolic first dimension); each gets its own rows back. The outputs are bounded too: at most 4194304 values in all, a 422 naming `outputs.<name>` (rule `max_values`), refused before the run when the outputs' shapes tell. An error of onnxruntime while running is a 422 with its reason. A model deleted meanwhile is a 404; a 503 when this process runs no ONNX runtime, no execution provider works here, or the runtime's worker failed during the run (retry). With `Accept: application/octet-stream`: the header `Inference-Header-Content-Length: <n>`, the body's first n bytes a JSON header (`EvaluationBinaryHeader`: each output's type, shape and byteLength, the provider, batchRows, ms), then the outputs' little-endian bytes in the order the header lists them.
         */
        post: operations["evaluateModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/features": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append feature rows to an sso study
         * @description The rows X the study's model reads, p numbers each (p: the model's inputs), as JSON (`{"rows": [[…], …]}`) or as a base64 block of little-endian float32s with its row count (`dataBase64`, `rowCount`). Each request appends its rows in one transaction; rows are numbered from 0 in upload order (`firstRow` is this request's first), so a data set is sent in chunks of any size. Sizes are checked before anything is written (422s naming the field); at most 4,194,304 values per request. Features are data, stored in the database. With an Idempotency-Key, a retried chunk is appended once. 409 for a study not driven by rounds.
         */
        post: operations["uploadFeatures"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a study's rounds, with the loss curve
         * @description Rounds by number, oldest first, paginated with a cursor; `lossCurve` is the loss each round's client reported, by round number (the last 10,000), on every page.
         */
        get: operations["listRounds"];
        put?: never;
        /**
         * Start a round: targets z = f(θ; X) for a batch
         * @description Hands out the model's targets at the current θ for a batch of rows: drawn by minima (`{"batchSize": b}`, or `{}` for the config's batchSize: distinct rows, from an RNG seeded by the study's seed and the round's number; at most the rows uploaded), named (`{"rows": [...]}`), or sent with the round (`{"features": {"rows": [[…]]}}`). `targets[i]` belongs to `rows[i]`. The client computes its loss ℓ(z) and G = ∂ℓ/∂z at these targets and completes the round. Several rounds may be out at once (parallel simulators): each keeps its own targets and `thetaVersion`. 409 for a study not driven by rounds, not ACTIVE, or without features to draw from.
         */
        post: operations["startRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/rounds/{roundId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a round
         * @description The round, with the loss its client reported and, once completed, what its inner steps did.
         */
        get: operations["getRound"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/rounds/{roundId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a round with the gradient of the loss in its targets
         * @description `gradient[i]` is ∂ℓ/∂z for the round's row i (b rows of c values), `loss` optionally the client's loss at the targets (kept for the loss curve). minima then takes up to m inner steps on the surrogate h(θ) = ⟨G, f(θ) − z_t⟩ + ‖f(θ) − z_t‖²/(2η) around the round's own targets z_t (an Armijo line search, or a fixed step), starting from the current θ: a gradient for an older θ (rounds that overlap) is applied to its own surrogate. The answer is the completed round: θ's new version, the steps taken and the surrogate's values. A round completes once: the same gradient and loss again answer the same round (nothing steps twice); another gradient is a 409.
         */
        post: operations["completeRound"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the trained model: θ, or the forward pass as ONNX
         * @description As JSON: θ (in the model's layout: for each layer, W (inputs×outputs, row-major) at `weight` and b at `bias`) and its version. With `format=onnx`: the forward pass as an ONNX model with θ in its initializers (input `x` `[N, p]`, output `z` `[N, c]`; float32, or float64 with `dtype=float64`), ready for uploadModel and evaluateModel or any ONNX runtime. 409 for an ONNX pair (its forward graph is yours: evaluate it with θ from the JSON answer).
         */
        get: operations["getStudyModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A study's best value and last activity
         * @description What the dashboard's study list shows beside each study's trial counts.
         */
        get: operations["getStudySummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/importance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How much each parameter matters to the first metric
         * @description Permutation importance on a Gaussian process fitted to a fixed sample of at most 150 COMPLETED trials (about a second of CPU at most, kept until another trial completes). Validated on f(x) = 10·x0 + x1 + 0·x2 (src/algorithms/gp_bo/importance_test.ts).
         */
        get: operations["getParameterImportance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studies/{studyId}/agreement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How often the study's labelers agree
         * @description Pairwise agreement of the rankings given to the same comparison by different labelers (a ranked candidate beats an unranked one; a pair neither ranks is not counted).
         */
        get: operations["getLabelerAgreement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI document
         * @description The OpenAPI 3.1 document of this service (also committed as openapi/openapi.json); clients and SDKs are generated from it. Needs no key.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive API docs (Swagger UI)
         * @description Swagger UI over this document, served by the service itself (no CDN). Needs no key.
         */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        RandomConfig: Record<string, never>;
        /** @description The random algorithm with its config */
        RandomAlgorithm: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            name: "random";
            /** @description Its options: unknown keys are refused, defaults fill the rest */
            config?: components["schemas"]["RandomConfig"];
            /** @description Makes the study deterministic; absent, minima draws one */
            seed?: number;
            /** @description Why minima chose this algorithm: only in createStudy's answer, when the request named none */
            readonly reason?: string;
        };
        SobolConfig: {
            /**
             * @description Randomise the sequence with the study's seed (linear matrix scrambling and a digital shift). Without it every study gets the same points, starting at the lower corner of the space.
             * @default true
             */
            scramble?: boolean;
        };
        /** @description The sobol algorithm with its config */
        SobolAlgorithm: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            name: "sobol";
            /** @description Its options: unknown keys are refused, defaults fill the rest */
            config?: components["schemas"]["SobolConfig"];
            /** @description Makes the study deterministic; absent, minima draws one */
            seed?: number;
            /** @description Why minima chose this algorithm: only in createStudy's answer, when the request named none */
            readonly reason?: string;
        };
        GpBoConfig: {
            /** @description Sobol points before the GP takes over (default max(5, 2·dimension)) */
            initialDesign?: number;
            /**
             * @description Matérn-5/2 ARD (default) or RBF ARD
             * @default matern52
             * @enum {string}
             */
            kernel?: "matern52" | "rbf";
            /**
             * @description Lengthscale prior: BoTorch's legacy Gamma(3, 6), or LogNormal(√2 + ½ ln d, √3) (default: legacy for matern52, dimension-scaled for rbf)
             * @enum {string}
             */
            prior?: "legacy" | "dimension-scaled";
            /**
             * @default logei
             * @enum {string}
             */
            acquisition?: "logei" | "ucb";
            /**
             * @description β of ucb: mean − √β·sd
             * @default 4
             */
            beta?: number;
            /**
             * @default kriging-believer
             * @enum {string}
             */
            batch?: "kriging-believer" | "constant-liar";
            /**
             * @description extra random starts of the MAP fit (on the first fit and every tenth result; other fits start from the previous one)
             * @default 2
             */
            restarts?: number;
            /** @default 2048 */
            candidates?: number;
            /** @default 10 */
            localStarts?: number;
            /** @description refit hyperparameters after this many new results; in between the last fit is reused (default: every result up to 100 trials, then every n/100 results) */
            refitEvery?: number;
            /**
             * @description learned: a homoscedastic noise level is a hyperparameter (held at its floor when every result reports a known variance); fixed: it is always held at its floor. Known per-trial variances are added to it
             * @default learned
             * @enum {string}
             */
            noise?: "learned" | "fixed";
            /**
             * @description how categoricals enter the GP: one-hot (one column and lengthscale per value, no order among values) or index (one ordinal coordinate, values in list order)
             * @default one-hot
             * @enum {string}
             */
            categoricals?: "one-hot" | "index";
            /**
             * @description categoricals with more values than this use their index coordinate even in one-hot mode
             * @default 32
             */
            maxOneHot?: number;
        };
        /** @description The gp-bo algorithm with its config */
        GpBoAlgorithm: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            name: "gp-bo";
            /** @description Its options: unknown keys are refused, defaults fill the rest */
            config?: components["schemas"]["GpBoConfig"];
            /** @description Makes the study deterministic; absent, minima draws one */
            seed?: number;
            /** @description Why minima chose this algorithm: only in createStudy's answer, when the request named none */
            readonly reason?: string;
        };
        CboConfig: {
            /**
             * @description N, particles per run: one generation hands out N trials per run (CBXpy: 20)
             * @default 20
             */
            particles?: number;
            /**
             * @description independent runs stepped together, each with its own particles and consensus; the recommendation is the consensus of the run with the lowest energy seen
             * @default 1
             */
            runs?: number;
            /**
             * @description time step dt (CBXpy: 0.01)
             * @default 0.01
             */
            dt?: number;
            /**
             * @description initial α, the inverse temperature of the consensus weights exp(−α·loss) (CBXpy: 1)
             * @default 1
             */
            alpha?: number;
            /**
             * @description α is multiplied by this after every step (CBXpy's default scheduler: 1.05)
             * @default 1.05
             */
            alphaFactor?: number;
            /**
             * @description cap of α (CBXpy: 1e5)
             * @default 100000
             */
            alphaMax?: number;
            /**
             * @description λ, the drift rate toward the consensus (CBXpy: 1)
             * @default 1
             */
            lambda?: number;
            /**
             * @description σ, the noise scale (CBXpy: 5.1)
             * @default 5.1
             */
            sigma?: number;
            /**
             * @description anisotropic (default here; CBXpy's is isotropic): each coordinate's noise scales with its own distance to the consensus, which works far better in high dimension; isotropic: the whole vector's noise scales with the Euclidean distance
             * @default anisotropic
             * @enum {string}
             */
            noise?: "anisotropic" | "isotropic";
            /** @description a random mini-batch of this many particles per run and step: only they are evaluated and form the consensus (batches are drawn without replacement until every particle had its turn, as CBXpy does); default: every particle */
            batchSize?: number;
            /**
             * @description with a mini-batch, move only the batch's particles (CBXpy: true); false moves every particle toward the batch's consensus
             * @default true
             */
            batchPartial?: boolean;
            /** @description add small noise to a run whose consensus has stalled for `patience` steps (CBXpy's consensus_stagnation resampling); off when absent */
            resampling?: {
                /**
                 * @description steps the consensus must have stalled for (CBXpy: 5)
                 * @default 5
                 */
                patience?: number;
                /**
                 * @description the consensus stalls while it moves less than this per step (Euclidean, in the encoded unit cube; CBXpy: 1e-4)
                 * @default 0.0001
                 */
                threshold?: number;
                /**
                 * @description on a stall, every particle of the run moves by sigma·√dt·N(0, I) (CBXpy: 0.1)
                 * @default 0.1
                 */
                sigma?: number;
            };
            /** @description particles start uniform in [low, high]^d of the encoded unit cube; default the whole cube */
            initialBox?: {
                /**
                 * @description lower end of every coordinate
                 * @default 0
                 */
                low?: number;
                /**
                 * @description upper end of every coordinate
                 * @default 1
                 */
                high?: number;
            };
            /**
             * @description particles that leave the unit cube: project (default) keeps their positions and evaluates the nearest point of the space; clip moves them onto the face; reflect mirrors them back
             * @default project
             * @enum {string}
             */
            boundary?: "project" | "clip" | "reflect";
            /**
             * @description a particle whose trial fails (FAILED) is handed out again; after this many failures in one step it counts as infeasible so the step is not held up forever
             * @default 3
             */
            failuresBeforeInfeasible?: number;
        };
        /** @description The cbo algorithm with its config */
        CboAlgorithm: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            name: "cbo";
            /** @description Its options: unknown keys are refused, defaults fill the rest */
            config?: components["schemas"]["CboConfig"];
            /** @description Makes the study deterministic; absent, minima draws one */
            seed?: number;
            /** @description Why minima chose this algorithm: only in createStudy's answer, when the request named none */
            readonly reason?: string;
        };
        ZoRankSgdConfig: {
            /**
             * @description m: candidates per gradient round, x_t + μ·ξᵢ with ξᵢ ~ N(0, I)
             * @default 6
             */
            candidates?: number;
            /** @description k: how many of the m candidates a ranking orders, best first (1: pick the best); the others count as worse than these. Rankings people give may rank fewer; when minima ranks candidates from reported values it keeps the top k. Default m (a full ranking) */
            topK?: number;
            /**
             * @description μ: the standard deviation of the perturbations, as a fraction of each parameter's encoded range
             * @default 0.05
             */
            smoothing?: number;
            /**
             * @description η: x_{t+1} = x_t − η·g, in units of the encoded range
             * @default 0.05
             */
            stepSize?: number;
            /**
             * @description step along g/‖g‖, so every step has length η (without line search) or η·γ^l
             * @default false
             */
            normalize?: boolean;
            /**
             * @description L: after each gradient round, a round that shows x_t, the best candidate and x_t − η·γ^l·g for l = 0..L−1; its top-1 becomes x_{t+1}. 0: no line search
             * @default 0
             */
            lineSearchSteps?: number;
            /**
             * @description γ of the line search
             * @default 0.5
             */
            lineSearchShrink?: number;
            /**
             * @description with line search: while x_t wins its line round, step along the mean of the estimates since x_t last moved (as the authors' code does)
             * @default true
             */
            accumulate?: boolean;
            /** @description x_0 in the encoded unit cube, one coordinate per parameter in the space's order (default: the centre, 0.5 each) */
            initialPoint?: number[];
        };
        /** @description The zo-rank-sgd algorithm with its config */
        ZoRankSgdAlgorithm: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            name: "zo-rank-sgd";
            /** @description Its options: unknown keys are refused, defaults fill the rest */
            config?: components["schemas"]["ZoRankSgdConfig"];
            /** @description Makes the study deterministic; absent, minima draws one */
            seed?: number;
            /** @description Why minima chose this algorithm: only in createStudy's answer, when the request named none */
            readonly reason?: string;
        };
        SsoConfig: {
            /** @description The model z = f(θ; X) the service trains: a built-in family (`linear`, `mlp`) or a pair of ONNX graphs of the project (`onnx`) */
            model: {
                /** @constant */
                family: "linear";
                /** @description p: the features of a row (columns of X) */
                inputs: number;
                /** @description c: the targets of a row (columns of z) */
                outputs: number;
            } | {
                /** @constant */
                family: "mlp";
                /** @description Layer sizes n₀ (= p, the inputs), n₁, …, n_L (= c, the targets); θ = [W₀ (n₀×n₁, row-major), b₀, W₁, b₁, …] */
                layers: number[];
                /**
                 * @description The hidden layers' activation
                 * @default tanh
                 * @enum {string}
                 */
                activation?: "tanh" | "relu";
            } | {
                /** @constant */
                family: "onnx";
                /**
                 * Format: uuid
                 * @description The forward graph (uploadModel): inputs θ `[P]` and X `[N, p]`, in this order; its first output z `[N, c]`
                 */
                forward: string;
                /**
                 * Format: uuid
                 * @description The vector-Jacobian product (uploadModel): inputs θ `[P]`, X `[N, p]` and v `[N, c]`, in this order; its first output Jᵀv `[P]`. Export both from PyTorch with torch.func.vjp and torch.onnx.export
                 */
                vjp: string;
                /** @description P; read from the graphs when their θ input has a fixed size */
                params?: number;
                /** @description p; read from the graphs when fixed there */
                inputs?: number;
                /** @description c; read from the graphs when fixed there */
                outputs?: number;
            };
            /** @description η, in the paper's units: the target step is z_t − η·G, with G exactly as the client sends it. When the client's loss is a mean over b rows, η ≈ b is a natural scale; 20·b was the best start on full and large batches (docs/algorithms.md) */
            targetStepSize: number;
            /**
             * @description m: inner steps on the surrogate per round (5: the best on iris; 10–20 only on full batches)
             * @default 5
             */
            innerSteps?: number;
            /**
             * @description The Armijo line search of each inner step
             * @default {
             *       "c": 0.1,
             *       "beta": 0.9,
             *       "initialStep": 10,
             *       "expand": 2,
             *       "maxTrials": 100,
             *       "minStep": 0.000001,
             *       "gradTolerance": 0.000001
             *     }
             */
            lineSearch?: {
                /**
                 * @description Armijo's sufficient-decrease constant
                 * @default 0.1
                 */
                c?: number;
                /**
                 * @description The backtracking factor
                 * @default 0.9
                 */
                beta?: number;
                /**
                 * @description The step each round starts from (reset at every round)
                 * @default 10
                 */
                initialStep?: number;
                /**
                 * @description Each inner step first tries this times the step the previous one accepted
                 * @default 2
                 */
                expand?: number;
                /**
                 * @description Trials per inner step
                 * @default 100
                 */
                maxTrials?: number;
                /**
                 * @description A step shortened below this fails
                 * @default 0.000001
                 */
                minStep?: number;
                /**
                 * @description No more inner steps once the gradient's (normalised) norm is at most this
                 * @default 0.000001
                 */
                gradTolerance?: number;
            };
            /** @description A fixed inner step α instead of the line search: θ ← θ − α·∇h (m = 1: SGD with rate α) */
            fixedStep?: number;
            /**
             * @description λ of an L2 term (λ/2)·‖θ‖² in the surrogate
             * @default 0
             */
            l2?: number;
            /**
             * @description Rows a round draws from the uploaded features when startRound names neither rows nor features
             * @default 100
             */
            batchSize?: number;
            /** @description θ₀ in the model's layout; default zeros (`linear`, `onnx`) or N(0, s²/n_l) weights with zero biases from the study's seed (`mlp`) */
            initialTheta?: number[];
        };
        /** @description The sso algorithm with its config */
        SsoAlgorithm: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            name: "sso";
            /** @description Its options: unknown keys are refused, defaults fill the rest */
            config?: components["schemas"]["SsoConfig"];
            /** @description Makes the study deterministic; absent, minima draws one */
            seed?: number;
            /** @description Why minima chose this algorithm: only in createStudy's answer, when the request named none */
            readonly reason?: string;
        };
        /** @description Which algorithm explores the space, by `name`, with its config and seed */
        AlgorithmChoice: components["schemas"]["RandomAlgorithm"] | components["schemas"]["SobolAlgorithm"] | components["schemas"]["GpBoAlgorithm"] | components["schemas"]["CboAlgorithm"] | components["schemas"]["ZoRankSgdAlgorithm"] | components["schemas"]["SsoAlgorithm"];
        /**
         * @example {
         *       "inputs": {
         *         "x": {
         *           "shape": [
         *             2,
         *             2
         *           ]
         *         }
         *       }
         *     }
         */
        EvaluateModelBinaryHeader: {
            /** @description Every input of the model, by name, without values: their bytes follow the header, in the order of the model's inputs */
            inputs: {
                [key: string]: components["schemas"]["TensorHeader"];
            };
            /**
             * @description How the outputs come back: `data`, JSON numbers (the default), or `base64`, `dataBase64` with the little-endian bytes of each output (no JSON number per value: the cheaper form for large batches)
             * @example base64
             * @enum {string}
             */
            outputEncoding?: "data" | "base64";
        };
        TensorHeader: {
            /**
             * @description The element type, if the client wants it checked (it must be the input's)
             * @example float32
             */
            type?: string;
            /**
             * @description The dimensions; fixed ones must be the model's, symbolic ones agree across inputs
             * @example [
             *       2,
             *       2
             *     ]
             */
            shape: number[];
        };
        /**
         * @example {
         *       "outputs": {
         *         "y": {
         *           "type": "float32",
         *           "shape": [
         *             2,
         *             1
         *           ],
         *           "byteLength": 8
         *         }
         *       },
         *       "provider": "cpu",
         *       "batchRows": 2,
         *       "ms": 0.4
         *     }
         */
        EvaluationBinaryHeader: components["schemas"]["Evaluation"] & {
            /** @description Every output of the model by name; their bytes follow the header in this order */
            outputs?: {
                [key: string]: components["schemas"]["TensorOutputHeader"];
            };
        };
        TensorOutputHeader: {
            /** @example float32 */
            type: string;
            /**
             * @example [
             *       2,
             *       1
             *     ]
             */
            shape: number[];
            /**
             * @description Bytes of this output after the header (little-endian, row-major)
             * @example 8
             */
            byteLength: number;
        };
        Evaluation: {
            /** @description Every output of the model by name: `{type, shape, data}`, or `{type, shape, dataBase64}` when the request asked for `outputEncoding: "base64"` */
            outputs: {
                [key: string]: components["schemas"]["TensorOutput"] | components["schemas"]["TensorOutputBase64"];
            };
            /**
             * @description The execution provider that ran the evaluation: cuda, webgpu or cpu
             * @example cpu
             */
            provider: string;
            /**
             * @description Rows of the session run this request was part of (concurrent requests for a model are merged, up to MINIMA_ONNX_MAX_BATCH_ROWS)
             * @example 2
             */
            batchRows: number;
            /**
             * @description Milliseconds from the call to the answer in the runtime: loading the model's session (when it had none), waiting for a batch and the session run
             * @example 0.4
             */
            ms: number;
        };
        TensorOutput: {
            /** @example float32 */
            type: string;
            /**
             * @example [
             *       2,
             *       1
             *     ]
             */
            shape: number[];
            /**
             * @description Row-major values; NaN and infinities as null, int64 as the nearest number
             * @example [
             *       0.3979,
             *       0.3979
             *     ]
             */
            data: (number | null)[];
        };
        /**
         * @example {
         *       "type": "float32",
         *       "shape": [
         *         2,
         *         1
         *       ],
         *       "dataBase64": "jLnLPoy5yz4="
         *     }
         */
        TensorOutputBase64: {
            /** @example float32 */
            type: string;
            /**
             * @example [
             *       2,
             *       1
             *     ]
             */
            shape: number[];
            /**
             * @description Row-major values as little-endian typed-array bytes of the output's element type (a Float32Array's bytes for float32, 8 bytes per int64, one 0/1 byte per bool), base64 with padding; NaN and infinities as they are
             * @example jLnLPoy5yz4=
             */
            dataBase64: string;
        };
        HealthStatus: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks?: {
                [key: string]: string;
            };
            /** @description The ONNX runtime, where this process runs one */
            onnx?: {
                /**
                 * @description The execution provider models load with now (the first that worked); null before any model was loaded
                 * @example cpu
                 */
                provider: string | null;
                /** @description MINIMA_ONNX_PROVIDERS in order, with what loading models showed */
                providers: {
                    name: string;
                    /** @enum {string} */
                    state: "untried" | "available" | "unavailable";
                    /** @description onnxruntime's reason, if unavailable */
                    reason?: string;
                }[];
            };
        };
        Problem: {
            /** @example urn:minima:problem:validation */
            type: string;
            /** @example The request is not valid */
            title: string;
            /** @example 422 */
            status: number;
            /** @example space.parameters[0].max: max (-5) must be greater than min (10) */
            detail: string;
            /** @example /v1/studies */
            instance?: string;
            requestId?: string;
            errors?: components["schemas"]["FieldIssue"][];
            /** @description type study-complete: why and when the study completed */
            completion?: {
                /**
                 * @description `maxTrials` or `deadline` (a stop condition), or `manual` (updateStudy)
                 * @enum {string}
                 */
                reason: "maxTrials" | "deadline" | "manual";
                /**
                 * Format: date-time
                 * @description When it stopped handing out trials (a deadline's moment for `deadline`); null for a study completed before this was recorded
                 */
                completedAt: string | null;
            } | null;
            /** @description type study-complete: the study's best trial (null when none completed) */
            best?: {
                /** Format: uuid */
                trialId: string;
                number: number;
                /** @description Its first metric's value */
                value: number;
            } | null;
        };
        FieldIssue: {
            /** @example space.parameters[0].max */
            field: string;
            /**
             * @description The rule the field breaks (a stable name clients may switch on)
             * @example min_below_max
             * @enum {string}
             */
            rule: "invalid_type" | "too_big" | "too_small" | "invalid_format" | "not_multiple_of" | "invalid_union" | "invalid_key" | "invalid_element" | "invalid_value" | "custom" | "already_answered" | "already_finished" | "base64" | "bounds" | "byte_length" | "candidate" | "count" | "cron" | "cursor" | "data" | "design_memory" | "dimension" | "exclusive" | "exists" | "finite" | "future" | "graph_signature" | "graph_sizes" | "header" | "image_output" | "input_shape" | "json" | "known_algorithm" | "known_metric" | "known_model" | "known_row" | "last_admin_key" | "length" | "log_min_positive" | "matches_existing" | "max" | "max_coordinates" | "max_depth" | "max_items" | "max_params" | "max_rows" | "max_size" | "max_values" | "metric_output" | "min" | "min_below_max" | "missing_constant" | "missing_input" | "missing_metric" | "missing_parameter" | "model_error" | "model_input" | "model_input_type" | "model_output" | "non_negative" | "object" | "one_of" | "one_per_row" | "onnx_model" | "params" | "params_input" | "plain_text" | "rank" | "ranking_algorithm" | "required" | "round_size" | "rounds_algorithm" | "rows" | "same_request" | "shape" | "shown_once" | "single_input" | "size" | "step" | "step_fits_range" | "step_grid_size" | "study_complete" | "supported_space" | "text" | "timezone" | "type" | "unique" | "unique_names" | "unique_values" | "unknown_field" | "unknown_input" | "unknown_metric" | "unknown_parameter" | "value" | "width" | "with_data_base64";
            /** @example max (-5) must be greater than min (10) */
            message: string;
        };
        /**
         * @example {
         *       "id": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
         *       "name": "vision-team",
         *       "createdAt": "2026-11-27T12:00:00.000Z"
         *     }
         */
        Project: {
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
        };
        CreateProjectRequest: {
            /** @example vision-team */
            name: string;
        };
        ProjectPage: {
            items: components["schemas"]["Project"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
         *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
         *       "role": "project",
         *       "studyId": null,
         *       "name": "training-cluster",
         *       "prefix": "mk_Qx3vT9a",
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "revokedAt": null,
         *       "key": "mk_Qx3vT9aLw0pZr8sYc2dFgH1jKm4nBv7e"
         *     }
         */
        NewApiKey: components["schemas"]["ApiKey"] & {
            /** @description The key. Shown once; only its hash is stored. */
            key: string;
        };
        /**
         * @example {
         *       "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
         *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
         *       "role": "project",
         *       "studyId": null,
         *       "name": "training-cluster",
         *       "prefix": "mk_Qx3vT9a",
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "revokedAt": null
         *     }
         */
        ApiKey: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string | null;
            /** @enum {string} */
            role: "admin" | "project" | "labeler";
            /**
             * Format: uuid
             * @description The study of a labeler token
             */
            studyId: string | null;
            name: string;
            /** @description The key's first characters, to recognise it */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            revokedAt: string | null;
        };
        CreateApiKeyRequest: {
            /** @example training-cluster */
            name: string;
        };
        ApiKeyList: {
            items: components["schemas"]["ApiKey"][];
        };
        CreateAdminKeyRequest: {
            /** @example ops-2026-q4 */
            name: string;
        };
        AuditEventPage: {
            items: components["schemas"]["AuditEvent"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "c1f0e2d3-4b5a-4968-8776-a5b4c3d2e1f0",
         *       "at": "2026-11-27T13:00:00.000Z",
         *       "actor": "3a9e7c51-0d2f-4b6a-8c1e-9f0a2b3c4d5e",
         *       "action": "api_key.revoked",
         *       "targetType": "api_key",
         *       "targetId": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
         *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
         *       "requestId": "2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b",
         *       "details": {
         *         "name": "training-cluster",
         *         "prefix": "mk_Qx3vT9a"
         *       }
         *     }
         */
        AuditEvent: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            at: string;
            /** @description The id of the key that made the change; `bootstrap` for MINIMA_ADMIN_KEY, `startup` for the admin key a first start generated */
            actor: string;
            /** @description `admin_key.created`, `admin_key.revoked`, `api_key.created`, `api_key.revoked`, `labeler_token.created`, `labeler_token.revoked`, `project.created` or `study.deleted` */
            action: string;
            /** @description `admin_key`, `api_key`, `labeler_token`, `project` or `study` */
            targetType: string;
            /** @description The id of what it happened to */
            targetId: string;
            /** Format: uuid */
            projectId: string | null;
            /** @description The request's `X-Request-Id`, as logged */
            requestId: string;
            /** @description Names worth keeping (a key's name and prefix, a deleted study's name); never a secret */
            details: {
                [key: string]: unknown;
            };
        };
        AlgorithmList: {
            items: components["schemas"]["Algorithm"][];
        };
        Algorithm: {
            name: components["schemas"]["AlgorithmName"];
            description: string;
            feedbackKinds: ("value" | "infeasible" | "failed" | "ranking" | "target_gradient")[];
            /** @description JSON Schema of `algorithm.config` in createStudy */
            configSchema: {
                [key: string]: unknown;
            };
        };
        /**
         * @description A registered algorithm (listAlgorithms)
         * @enum {string}
         */
        AlgorithmName: "random" | "sobol" | "gp-bo" | "cbo" | "zo-rank-sgd" | "sso";
        /**
         * @example {
         *       "id": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
         *       "name": "branin",
         *       "metadata": {
         *         "owner": "ada"
         *       },
         *       "state": "ACTIVE",
         *       "space": {
         *         "parameters": [
         *           {
         *             "scale": "linear",
         *             "name": "x1",
         *             "type": "float",
         *             "min": -5,
         *             "max": 10
         *           },
         *           {
         *             "scale": "log",
         *             "name": "lr",
         *             "type": "float",
         *             "min": 0.00001,
         *             "max": 0.1
         *           },
         *           {
         *             "scale": "linear",
         *             "name": "layers",
         *             "type": "int",
         *             "min": 1,
         *             "max": 8
         *           },
         *           {
         *             "name": "opt",
         *             "type": "categorical",
         *             "values": [
         *               "adam",
         *               "sgd"
         *             ]
         *           }
         *         ]
         *       },
         *       "objective": {
         *         "metrics": [
         *           {
         *             "name": "value",
         *             "goal": "minimize"
         *           }
         *         ]
         *       },
         *       "algorithm": {
         *         "name": "random",
         *         "config": {},
         *         "seed": 1
         *       },
         *       "settings": {
         *         "leaseSeconds": 3600,
         *         "maxTrials": 50,
         *         "deadline": null
         *       },
         *       "labeling": null,
         *       "trialCounts": {
         *         "REQUESTED": 0,
         *         "ACTIVE": 2,
         *         "COMPLETED": 10,
         *         "INFEASIBLE": 1,
         *         "FAILED": 0,
         *         "STALE": 0,
         *         "RANKED": 0
         *       },
         *       "completion": null,
         *       "progress": {
         *         "trials": 13,
         *         "maxTrials": 50,
         *         "fraction": 0.26,
         *         "deadline": null,
         *         "remainingSeconds": null
         *       },
         *       "best": {
         *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
         *         "number": 7,
         *         "value": 0.41
         *       },
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "updatedAt": "2026-11-27T13:00:00.000Z"
         *     }
         */
        Study: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string;
            name: string;
            metadata: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            state: "ACTIVE" | "PAUSED" | "COMPLETED";
            /** @description The search space; null for a study driven by rounds (sso), whose subject is its model */
            space: components["schemas"]["SearchSpace"] | null;
            /** @description What is measured; null for a study driven by rounds (sso): its client's loss is reported with each round */
            objective: {
                metrics: {
                    name: string;
                    /** @enum {string} */
                    goal: "minimize" | "maximize";
                }[];
                /** @description A model minima evaluates itself (studies whose objective is a model; see startRun); absent, clients evaluate points and report the values */
                evaluator?: {
                    /**
                     * Format: uuid
                     * @description The model's id (uploadModel)
                     */
                    model: string;
                    /** @description The model input that takes the params: `[batch, d]`, one row per point, the space's parameters in order (an int as its number, a categorical as the index of its value) */
                    input: string;
                    /** @description For each metric, the model output that gives it: one number per row (`[batch]` or `[batch, 1]`); a NaN marks the point infeasible */
                    outputs: {
                        [key: string]: string;
                    };
                    /** @description Values for every other input of the model */
                    constants?: {
                        [key: string]: {
                            /** @description The tensor's dimensions; where the model's input has a dynamic first dimension, a first dimension of 1 is repeated for every row of a batch */
                            shape: number[];
                            /** @description The values, row-major (as many as the shape holds) */
                            data: (number | boolean)[];
                        };
                    };
                };
            } | null;
            algorithm: components["schemas"]["AlgorithmChoice"];
            settings: {
                leaseSeconds: number;
                maxTrials: number | null;
                /** Format: date-time */
                deadline: string | null;
            };
            /** @description How comparisons work, for studies whose algorithm learns from rankings */
            labeling: {
                /** @description The study's name as labelers see it, at the top of the labeling page (plain text, at most 120 characters; absent: "Rank candidates") */
                title?: string;
                /** @description The question labelers answer, e.g. "Which looks most like a ripe tomato?" (plain text, at most 500 characters, line breaks kept; absent: how many to pick) */
                prompt?: string;
                /** @description The most candidates one comparison shows (default: all the algorithm offers at once, at most 32; zo-rank-sgd offers its round's candidates) */
                candidates?: number;
                /** @description How many candidates a ranking orders, best first (1 = pick the best); absent: all of them */
                topK?: number;
                /**
                 * @description Rankings (by different labelers) a comparison collects; several are aggregated by Borda count before the algorithm sees them
                 * @default 1
                 */
                rankingsPerComparison?: number;
                /**
                 * @description The most comparisons open at once, so labelers never rank candidates around a point the algorithm has already left
                 * @default 1
                 */
                maxOpen?: number;
                /**
                 * @description How long a labeler holds a comparison before it returns to the pool
                 * @default 600
                 */
                holdSeconds?: number;
                /**
                 * @description Skips after which a comparison closes without a ranking (the algorithm learns nothing from it and moves on)
                 * @default 1
                 */
                skipsToClose?: number;
                /** @description How candidates are drawn for labelers: a built-in renderer by name, or an ONNX model that maps params to an image */
                renderer?: {
                    /**
                     * @description color: the first three numeric parameters as red, green, blue; curve: the numeric parameters as the heights of a smooth curve
                     * @enum {string}
                     */
                    name: "color" | "curve";
                } | {
                    /**
                     * Format: uuid
                     * @description The model's id (uploadModel)
                     */
                    model: string;
                    /** @description The model's only input: the params as `[1, d]` (or `[batch, d]`), the space's parameters in order, as for `objective.evaluator.input` */
                    input: string;
                    /** @description The output that is the image: `[1, 3, H, W]` or `[1, H, W, 3]` (H, W fixed, at most 1024), values in [0, 1] (all of them at most 1) or else in [0, 255] */
                    output: string;
                };
            } | null;
            /** @description The study's trials by state */
            trialCounts: {
                REQUESTED: number;
                ACTIVE: number;
                COMPLETED: number;
                INFEASIBLE: number;
                FAILED: number;
                STALE: number;
                RANKED: number;
            };
            /** @description Only for a COMPLETED study */
            completion: {
                /**
                 * @description `maxTrials` or `deadline` (a stop condition), or `manual` (updateStudy)
                 * @enum {string}
                 */
                reason: "maxTrials" | "deadline" | "manual";
                /**
                 * Format: date-time
                 * @description When it stopped handing out trials (a deadline's moment for `deadline`); null for a study completed before this was recorded
                 */
                completedAt: string | null;
            } | null;
            progress: {
                /** @description Trials that count toward maxTrials: ACTIVE, COMPLETED, INFEASIBLE, RANKED */
                trials: number;
                maxTrials: number | null;
                /** @description trials / maxTrials (at most 1) */
                fraction: number | null;
                /** Format: date-time */
                deadline: string | null;
                /** @description Seconds until the deadline (0 once passed) */
                remainingSeconds: number | null;
            };
            /** @description Null until a trial completes (and for sso studies) */
            best: {
                /** Format: uuid */
                trialId: string;
                number: number;
                /** @description Its first metric's value */
                value: number;
            } | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description The parameters a study searches over */
        SearchSpace: {
            parameters: components["schemas"]["ParameterSpec"][];
        };
        /** @description One parameter of a search space, by its `type` */
        ParameterSpec: components["schemas"]["FloatParameter"] | components["schemas"]["IntParameter"] | components["schemas"]["CategoricalParameter"];
        /** @description A real-valued parameter in [min, max] */
        FloatParameter: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "float";
            min: number;
            max: number;
            /**
             * @default linear
             * @enum {string}
             */
            scale?: "linear" | "log";
            step?: number;
        };
        /** @description An integer parameter in [min, max] */
        IntParameter: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "int";
            min: number;
            max: number;
            /**
             * @default linear
             * @enum {string}
             */
            scale?: "linear" | "log";
            step?: number;
        };
        /** @description A categorical parameter: one of a list of distinct values */
        CategoricalParameter: {
            name: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "categorical";
            values: (string | number | boolean)[];
        };
        CreateStudyRequest: {
            name: string;
            metadata?: {
                [key: string]: unknown;
            };
            space?: components["schemas"]["SearchSpace"] & unknown;
            /** @description What is measured (required, except for algorithms driven by rounds: sso takes none) */
            objective?: {
                metrics: {
                    name: string;
                    /** @enum {string} */
                    goal: "minimize" | "maximize";
                }[];
                /** @description A model minima evaluates itself (studies whose objective is a model; see startRun); absent, clients evaluate points and report the values */
                evaluator?: {
                    /**
                     * Format: uuid
                     * @description The model's id (uploadModel)
                     */
                    model: string;
                    /** @description The model input that takes the params: `[batch, d]`, one row per point, the space's parameters in order (an int as its number, a categorical as the index of its value) */
                    input: string;
                    /** @description For each metric, the model output that gives it: one number per row (`[batch]` or `[batch, 1]`); a NaN marks the point infeasible */
                    outputs: {
                        [key: string]: string;
                    };
                    /** @description Values for every other input of the model */
                    constants?: {
                        [key: string]: {
                            /** @description The tensor's dimensions; where the model's input has a dynamic first dimension, a first dimension of 1 is repeated for every row of a batch */
                            shape: number[];
                            /** @description The values, row-major (as many as the shape holds) */
                            data: (number | boolean)[];
                        };
                    };
                };
            };
            /** @description The algorithm; absent, minima chooses one for the space (gp-bo for small spaces, random search past them) and says why in the answer's `algorithm.reason` */
            algorithm?: components["schemas"]["AlgorithmChoice"];
            settings?: {
                leaseSeconds?: number;
                /** @description Stop condition: the study completes once this many trials count (ACTIVE, COMPLETED, INFEASIBLE and RANKED ones; FAILED and STALE trials do not count). Suggestions never hand out more: a batch that asks for more than is left gets what is left */
                maxTrials?: number;
                /**
                 * Format: date-time
                 * @description Stop condition: an ISO-8601 moment (with its offset, e.g. `2027-01-31T18:00:00Z`) after which the study hands out no trials; at createStudy it must be in the future
                 */
                deadline?: string;
            };
            /** @description Comparisons for people to rank (algorithms that learn from rankings); defaults apply when the algorithm takes rankings and this is absent */
            labeling?: {
                /** @description The study's name as labelers see it, at the top of the labeling page (plain text, at most 120 characters; absent: "Rank candidates") */
                title?: string;
                /** @description The question labelers answer, e.g. "Which looks most like a ripe tomato?" (plain text, at most 500 characters, line breaks kept; absent: how many to pick) */
                prompt?: string;
                /** @description The most candidates one comparison shows (default: all the algorithm offers at once, at most 32; zo-rank-sgd offers its round's candidates) */
                candidates?: number;
                /** @description How many candidates a ranking orders, best first (1 = pick the best); absent: all of them */
                topK?: number;
                /**
                 * @description Rankings (by different labelers) a comparison collects; several are aggregated by Borda count before the algorithm sees them
                 * @default 1
                 */
                rankingsPerComparison?: number;
                /**
                 * @description The most comparisons open at once, so labelers never rank candidates around a point the algorithm has already left
                 * @default 1
                 */
                maxOpen?: number;
                /**
                 * @description How long a labeler holds a comparison before it returns to the pool
                 * @default 600
                 */
                holdSeconds?: number;
                /**
                 * @description Skips after which a comparison closes without a ranking (the algorithm learns nothing from it and moves on)
                 * @default 1
                 */
                skipsToClose?: number;
                /** @description How candidates are drawn for labelers: a built-in renderer by name, or an ONNX model that maps params to an image */
                renderer?: {
                    /**
                     * @description color: the first three numeric parameters as red, green, blue; curve: the numeric parameters as the heights of a smooth curve
                     * @enum {string}
                     */
                    name: "color" | "curve";
                } | {
                    /**
                     * Format: uuid
                     * @description The model's id (uploadModel)
                     */
                    model: string;
                    /** @description The model's only input: the params as `[1, d]` (or `[batch, d]`), the space's parameters in order, as for `objective.evaluator.input` */
                    input: string;
                    /** @description The output that is the image: `[1, 3, H, W]` or `[1, H, W, 3]` (H, W fixed, at most 1024), values in [0, 1] (all of them at most 1) or else in [0, 255] */
                    output: string;
                };
            };
            /**
             * @description When the project already has a study of this name: `error` (default) answers 409; `return` answers the existing study (200) when its definition matches this request (algorithm, config, space, objective, and the seed, settings and labeling given), and 409 naming each difference when it does not
             * @default error
             * @enum {string}
             */
            ifExists?: "error" | "return";
        };
        StudyPage: {
            items: components["schemas"]["Study"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        UpdateStudyRequest: {
            name?: string;
            metadata?: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            state?: "ACTIVE" | "PAUSED" | "COMPLETED";
            /** @description New stop conditions (null removes one). A study they completed opens again (ACTIVE) when they no longer stop it; a study they stop now completes */
            settings?: {
                /** @description Stop condition: the study completes once this many trials count (ACTIVE, COMPLETED, INFEASIBLE and RANKED ones; FAILED and STALE trials do not count). Suggestions never hand out more: a batch that asks for more than is left gets what is left */
                maxTrials?: number | null;
                /**
                 * Format: date-time
                 * @description Stop condition: an ISO-8601 moment (with its offset, e.g. `2027-01-31T18:00:00Z`) after which the study hands out no trials; at createStudy it must be in the future
                 */
                deadline?: string | null;
            };
        };
        SuggestTrialsResponse: {
            trials: components["schemas"]["Trial"][];
            /**
             * @description Only when fewer trials than asked were handed out (an algorithm that works in generations is waiting for results): when to ask again, from the study's recent evaluation times; also sent as the Retry-After header
             * @example 1.5
             */
            retryAfterSeconds?: number;
            /**
             * @description Only when a stop condition cut the answer short: the study is now complete
             * @example {
             *       "condition": "maxTrials",
             *       "remaining": 0,
             *       "complete": true,
             *       "detail": "8 trials asked for, settings.maxTrials (20) allowed 3; the study is complete"
             *     }
             */
            stop?: {
                /** @enum {string} */
                condition: "maxTrials" | "deadline" | "manual";
                /** @description Trials that may still go out (0) */
                remaining: number;
                /** @description The study is complete: ask no more */
                complete: boolean;
                detail: string;
            };
        };
        /**
         * @example {
         *       "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
         *       "number": 12,
         *       "state": "ACTIVE",
         *       "params": {
         *         "x1": 1.5,
         *         "lr": 0.0031,
         *         "layers": 4,
         *         "opt": "adam"
         *       },
         *       "values": null,
         *       "variances": null,
         *       "reason": null,
         *       "clientId": "worker-3",
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "startedAt": "2026-11-27T12:00:00.000Z",
         *       "completedAt": null,
         *       "leaseExpiresAt": "2026-11-27T13:00:00.000Z"
         *     }
         */
        Trial: {
            /** Format: uuid */
            id: string;
            /** @description Position in the study, from 0 */
            number: number;
            /** @enum {string} */
            state: "REQUESTED" | "ACTIVE" | "COMPLETED" | "INFEASIBLE" | "FAILED" | "STALE" | "RANKED";
            params: {
                [key: string]: number | string | boolean;
            };
            values: {
                [key: string]: number;
            } | null;
            /** @description Known noise variances the client reported with the values, if any */
            variances: {
                [key: string]: number;
            } | null;
            /** @description Why it is INFEASIBLE or FAILED */
            reason: string | null;
            clientId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            completedAt: string | null;
            /**
             * Format: date-time
             * @description When an ACTIVE trial goes STALE unless it gets a heartbeat or a result
             */
            leaseExpiresAt: string | null;
        };
        SuggestTrialsRequest: {
            /**
             * @default 1
             * @example 1
             */
            count?: number;
            /** @example worker-3 */
            clientId?: string;
        };
        CreateTrialRequest: {
            /**
             * @example {
             *       "x1": 1.5,
             *       "lr": 0.001,
             *       "layers": 3,
             *       "opt": "sgd"
             *     }
             */
            params: {
                [key: string]: unknown;
            };
            clientId?: string;
            /**
             * @description Metric name → value; the study's first metric is required
             * @example {
             *       "value": 0.41
             *     }
             */
            values?: {
                [key: string]: number;
            };
            /**
             * @description Known observation noise variance of reported metrics (metric name → variance ≥ 0, in the metric's units squared); algorithms that model noise (gp-bo) use it instead of the learned noise level for this trial
             * @example {
             *       "value": 0.0004
             *     }
             */
            variances?: {
                [key: string]: number;
            };
            /**
             * @description The point cannot be evaluated (a hidden constraint); send instead of values
             * @enum {boolean}
             */
            infeasible?: true;
            /** @description Why it is infeasible */
            reason?: string;
        };
        TrialPage: {
            items: components["schemas"]["Trial"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        BestTrials: {
            trials: components["schemas"]["Trial"][];
            recommendation: components["schemas"]["Recommendation"] | null;
        };
        Recommendation: {
            params: {
                [key: string]: number | string | boolean;
            };
            details?: unknown;
            /** @description Other points the algorithm names, e.g. `best` (the best ever) for cbo */
            points?: {
                [key: string]: {
                    [key: string]: number | string | boolean;
                };
            };
        };
        CompletedTrials: {
            trials: components["schemas"]["Trial"][];
        };
        CompleteTrialsRequest: {
            items: {
                /** Format: uuid */
                trialId: string;
                /**
                 * @description Metric name → value; the study's first metric is required
                 * @example {
                 *       "value": 0.41
                 *     }
                 */
                values?: {
                    [key: string]: number;
                };
                /**
                 * @description Known observation noise variance of reported metrics (metric name → variance ≥ 0, in the metric's units squared); algorithms that model noise (gp-bo) use it instead of the learned noise level for this trial
                 * @example {
                 *       "value": 0.0004
                 *     }
                 */
                variances?: {
                    [key: string]: number;
                };
                /**
                 * @description The point cannot be evaluated (a hidden constraint); send instead of values
                 * @enum {boolean}
                 */
                infeasible?: true;
                /** @description Why it is infeasible */
                reason?: string;
            }[];
        };
        CompleteTrialRequest: {
            /**
             * @description Metric name → value; the study's first metric is required
             * @example {
             *       "value": 0.41
             *     }
             */
            values?: {
                [key: string]: number;
            };
            /**
             * @description Known observation noise variance of reported metrics (metric name → variance ≥ 0, in the metric's units squared); algorithms that model noise (gp-bo) use it instead of the learned noise level for this trial
             * @example {
             *       "value": 0.0004
             *     }
             */
            variances?: {
                [key: string]: number;
            };
            /**
             * @description The point cannot be evaluated (a hidden constraint); send instead of values
             * @enum {boolean}
             */
            infeasible?: true;
            /** @description Why it is infeasible */
            reason?: string;
        };
        FailTrialRequest: {
            reason?: string;
        };
        /**
         * @example {
         *       "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
         *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "state": "RUNNING",
         *       "budget": 200,
         *       "batchSize": 16,
         *       "maxSeconds": 600,
         *       "stopAtValue": 0.4,
         *       "completed": 48,
         *       "best": {
         *         "value": 0.52,
         *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"
         *       },
         *       "stopReason": null,
         *       "reason": null,
         *       "inFlight": 32,
         *       "requires": null,
         *       "claims": 1,
         *       "scheduleId": null,
         *       "tick": null,
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "startedAt": "2026-11-27T12:00:00.000Z",
         *       "finishedAt": null,
         *       "updatedAt": "2026-11-27T12:00:00.000Z"
         *     }
         */
        Run: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studyId: string;
            state: components["schemas"]["RunState"];
            /** @description Trials the run evaluates, at most */
            budget: number;
            /** @description Trials asked for and evaluated together */
            batchSize: number;
            /** @description The deadline, from the start */
            maxSeconds: number | null;
            /** @description The target of the first metric */
            stopAtValue: number | null;
            /** @description The run's trials completed so far (with values, or infeasible) */
            completed: number;
            /** @description The run's best trial; null before any result */
            best: components["schemas"]["RunBest"] | null;
            /**
             * @description Why a SUCCEEDED or CANCELLED run stopped; `study_complete`: its study reached a stop condition (settings.maxTrials or settings.deadline; see `reason`)
             * @enum {string|null}
             */
            stopReason: "budget" | "deadline" | "target" | "cancelled" | "study_complete" | null;
            /** @description Why a FAILED run failed, or which stop condition completed its study */
            reason: string | null;
            /** @description Trials reserved by the run's batches in flight: workers (in any process) share a run batch by batch, and `completed + inFlight` never passes the budget */
            inFlight: number;
            /**
             * @description What a worker must have to take the run's batches: null (any), or `gpu`
             * @enum {string|null}
             */
            requires: "gpu" | null;
            /** @description 1 once a worker opened the run's first batch, and one more for each batch taken over from a lost worker (its process killed; another carried the batch on). A worker that stops cleanly gives its batch back without counting */
            claims: number;
            /**
             * Format: uuid
             * @description The schedule that started the run, if one did
             */
            scheduleId: string | null;
            /**
             * Format: date-time
             * @description The schedule's tick that started the run
             */
            tick: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description QUEUED (waiting for a worker) → RUNNING → SUCCEEDED (budget, deadline or target reached, or its study complete: see `stopReason`) | FAILED (see `reason`) | CANCELLED
         * @enum {string}
         */
        RunState: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
        /** @description The run's best trial by the study's first metric */
        RunBest: {
            /** @description The primary metric */
            value: number;
            /** Format: uuid */
            trialId: string;
        };
        StartRunRequest: {
            /**
             * @description Trials to evaluate, at most; the run's trials then number exactly this unless the deadline, the target or a cancellation stops it first
             * @example 200
             */
            budget: number;
            /**
             * @description Trials asked for and evaluated in one model call (default 16, at most the budget); an algorithm that works in generations may give fewer
             * @example 16
             */
            batchSize?: number;
            /**
             * @description Stop after this many seconds from the start (checked between batches)
             * @example 600
             */
            maxSeconds?: number;
            /**
             * @description Stop once a trial of the run reaches this value of the first metric (at or below it when minimised, at or above when maximised)
             * @example 0.4
             */
            stopAtValue?: number;
            /**
             * @description Only workers that can run models on a GPU take the run's batches (a worker can when one of its MINIMA_ONNX_PROVIDERS, cuda or webgpu, loads a model); without it, any worker does
             * @example gpu
             * @enum {string}
             */
            requires?: "gpu";
        };
        RunPage: {
            items: components["schemas"]["Run"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
         *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "cron": "0 3 * * *",
         *       "timezone": "Europe/Paris",
         *       "run": {
         *         "budget": 200,
         *         "batchSize": 16
         *       },
         *       "overlap": "skip",
         *       "catchUp": "one",
         *       "paused": false,
         *       "nextTickAt": "2026-11-28T02:00:00.000Z",
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "updatedAt": "2026-11-27T12:00:00.000Z"
         *     }
         */
        Schedule: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studyId: string;
            cron: string;
            timezone: string;
            run: components["schemas"]["StartRunRequest"];
            overlap: components["schemas"]["ScheduleOverlap"];
            catchUp: components["schemas"]["ScheduleCatchUp"];
            paused: boolean;
            /**
             * Format: date-time
             * @description The first tick not yet handled (null while paused, or when the expression has no tick left)
             */
            nextTickAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description What a tick does while the schedule's previous run is still QUEUED or RUNNING: `skip` (the tick is recorded as skipped), `queue` (the new run is started QUEUED behind it), `cancel-previous` (the previous run is cancelled, then the new one started)
         * @enum {string}
         */
        ScheduleOverlap: "skip" | "queue" | "cancel-previous";
        /**
         * @description What happens to ticks missed while no scheduler ran: `none` (they are dropped; the schedule goes on from the next tick) or `one` (one run, at once, for all of them)
         * @enum {string}
         */
        ScheduleCatchUp: "none" | "one";
        CreateScheduleRequest: {
            /**
             * @description A cron expression: 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; read by croner (`*\/15`, `1-5`, `MON-FRI`, `L`, `@daily`…)
             * @example 0 3 * * *
             */
            cron: string;
            /**
             * @description The IANA time zone the expression is read in
             * @default UTC
             * @example Europe/Paris
             */
            timezone?: string;
            run: components["schemas"]["StartRunRequest"];
            overlap?: components["schemas"]["ScheduleOverlap"];
            catchUp?: components["schemas"]["ScheduleCatchUp"];
            /**
             * @description Created paused
             * @default false
             */
            paused?: boolean;
        };
        SchedulePage: {
            items: components["schemas"]["Schedule"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
         *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "cron": "0 3 * * *",
         *       "timezone": "Europe/Paris",
         *       "run": {
         *         "budget": 200,
         *         "batchSize": 16
         *       },
         *       "overlap": "skip",
         *       "catchUp": "one",
         *       "paused": false,
         *       "nextTickAt": "2026-11-28T02:00:00.000Z",
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "updatedAt": "2026-11-27T12:00:00.000Z",
         *       "nextTicks": [
         *         "2026-11-28T02:00:00.000Z",
         *         "2026-11-29T02:00:00.000Z",
         *         "2026-11-30T02:00:00.000Z"
         *       ],
         *       "lastTicks": [
         *         {
         *           "tick": "2026-11-27T02:00:00.000Z",
         *           "outcome": "started",
         *           "runId": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
         *           "reason": null
         *         }
         *       ],
         *       "lastRuns": [
         *         {
         *           "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
         *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *           "state": "RUNNING",
         *           "budget": 200,
         *           "batchSize": 16,
         *           "maxSeconds": 600,
         *           "stopAtValue": 0.4,
         *           "completed": 48,
         *           "best": {
         *             "value": 0.52,
         *             "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"
         *           },
         *           "stopReason": null,
         *           "reason": null,
         *           "inFlight": 32,
         *           "requires": null,
         *           "claims": 1,
         *           "scheduleId": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
         *           "tick": "2026-11-27T02:00:00.000Z",
         *           "createdAt": "2026-11-27T12:00:00.000Z",
         *           "startedAt": "2026-11-27T12:00:00.000Z",
         *           "finishedAt": null,
         *           "updatedAt": "2026-11-27T12:00:00.000Z"
         *         }
         *       ]
         *     }
         */
        ScheduleDetail: components["schemas"]["Schedule"] & {
            /** @description The next 5 ticks (none while paused) */
            nextTicks: string[];
            /** @description The last 5 ticks handled, newest first */
            lastTicks: components["schemas"]["ScheduleTick"][];
            /** @description The last 5 runs the schedule started, newest tick first */
            lastRuns: components["schemas"]["Run"][];
        };
        ScheduleTick: {
            /** Format: date-time */
            tick: string;
            /** @enum {string} */
            outcome: "started" | "skipped" | "failed";
            /** Format: uuid */
            runId: string | null;
            /** @description Why it was skipped or failed */
            reason: string | null;
        };
        UpdateScheduleRequest: {
            /**
             * @description A cron expression: 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; read by croner (`*\/15`, `1-5`, `MON-FRI`, `L`, `@daily`…)
             * @example 0 3 * * *
             */
            cron?: string;
            /**
             * @description The IANA time zone the expression is read in
             * @example Europe/Paris
             */
            timezone?: string;
            run?: components["schemas"]["StartRunRequest"];
            overlap?: components["schemas"]["ScheduleOverlap"];
            catchUp?: components["schemas"]["ScheduleCatchUp"];
            /** @description true pauses the schedule; false resumes it from now (the ticks of the pause are not owed) */
            paused?: boolean;
        };
        NextComparison: {
            comparison: components["schemas"]["Comparison"] | null;
            /**
             * @description Only when none is available, why: every open comparison is held by another labeler (or answered by you) and `labeling.maxOpen` allows no more (`held_by_others`); you answered every open one and they wait for other labelers (`answered_by_you`); the algorithm has no new candidates now (`no_candidates`: it waits for results, or has none left); the study is complete (`study_complete`: a stop condition, or by hand; under `settings.maxTrials` also when fewer trials are left than a comparison's 2), without `retryAfterSeconds`
             * @enum {string}
             */
            reason?: "held_by_others" | "answered_by_you" | "no_candidates" | "study_complete";
            /**
             * @description Only when none is available: the reason in a sentence for people
             * @example All 3 open comparisons are being labeled by others
             */
            detail?: string;
            retryAfterSeconds?: number;
            progress: {
                answeredByYou: number;
                /** @description Comparisons ranked or skipped */
                closed: number;
                open: number;
            };
            /** @description The study as labelers see it (plain text) */
            study: {
                /** @description `labeling.title` */
                title: string | null;
                /** @description `labeling.prompt` */
                prompt: string | null;
            };
        };
        /**
         * @example {
         *       "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
         *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "number": 7,
         *       "state": "OPEN",
         *       "candidates": [
         *         {
         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
         *           "params": {
         *             "r": 0,
         *             "g": 0.5,
         *             "b": 0.9
         *           },
         *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
         *         },
         *         {
         *           "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
         *           "params": {
         *             "r": 0.2,
         *             "g": 0.5,
         *             "b": 0.7
         *           },
         *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
         *         },
         *         {
         *           "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
         *           "params": {
         *             "r": 0.4,
         *             "g": 0.5,
         *             "b": 0.5
         *           },
         *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
         *         },
         *         {
         *           "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
         *           "params": {
         *             "r": 0.6000000000000001,
         *             "g": 0.5,
         *             "b": 0.29999999999999993
         *           },
         *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
         *         }
         *       ],
         *       "rankingLength": 4,
         *       "rankingsNeeded": 1,
         *       "rankingsReceived": 0,
         *       "skips": 0,
         *       "heldByYou": true,
         *       "holdExpiresAt": "2026-11-27T13:00:00.000Z",
         *       "ranking": null,
         *       "answeredByYou": false,
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "closedAt": null
         *     }
         */
        Comparison: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studyId: string;
            /** @description Position in the study, from 0 */
            number: number;
            /** @enum {string} */
            state: "OPEN" | "RANKED" | "SKIPPED";
            /** @description In the order to show them (shuffled when the comparison was made) */
            candidates: {
                /**
                 * Format: uuid
                 * @description The candidate's id (its trial's id)
                 */
                id: string;
                params: {
                    [key: string]: number | string | boolean;
                };
                /** @description Its image (renderCandidate), when the study has a renderer */
                renderingUrl: string | null;
            }[];
            /** @description How many candidate ids a ranking lists, best first (the study's topK) */
            rankingLength: number;
            rankingsNeeded: number;
            rankingsReceived: number;
            skips: number;
            heldByYou: boolean;
            /** Format: date-time */
            holdExpiresAt: string | null;
            /** @description The aggregated ranking (Borda count over the labelers), once RANKED */
            ranking: string[] | null;
            answeredByYou: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            closedAt: string | null;
        };
        SubmitRankingRequest: {
            /**
             * @description Candidate ids, best first
             * @example [
             *       "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
             *       "0f1e2d3c-4b5a-4697-8877-665544332211"
             *     ]
             */
            ranking: string[];
        };
        ComparisonPage: {
            items: components["schemas"]["Comparison"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        CreateLabelerTokenRequest: {
            name: string;
        };
        /**
         * @example {
         *       "id": "3a7c9e1f-5b2d-4c8e-a6f0-9d1b3e5c7a20",
         *       "name": "branin",
         *       "sha256": "9f2b5c0e8d1a4f7b3e6c9a2d5f8b1e4c7a0d3f6b9e2c5a8d1f4b7e0c3a6d9f2b",
         *       "sizeBytes": 1482,
         *       "inputs": [
         *         {
         *           "name": "x",
         *           "type": "float32",
         *           "shape": [
         *             "N",
         *             2
         *           ]
         *         }
         *       ],
         *       "outputs": [
         *         {
         *           "name": "y",
         *           "type": "float32",
         *           "shape": [
         *             "N",
         *             1
         *           ]
         *         }
         *       ],
         *       "opset": 17,
         *       "producer": "minima",
         *       "provider": "cpu",
         *       "createdAt": "2026-11-27T12:00:00.000Z"
         *     }
         */
        Model: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description SHA-256 of the bytes, hex */
            sha256: string;
            sizeBytes: number;
            inputs: components["schemas"]["TensorInfo"][];
            outputs: components["schemas"]["TensorInfo"][];
            /** @description Version of the default (ai.onnx) opset */
            opset: number;
            /**
             * @description The tool that wrote the model
             * @example pytorch 2.3.0
             */
            producer: string;
            /**
             * @description The execution provider onnxruntime loaded the model with at upload
             * @example cpu
             */
            provider: string;
            /** Format: date-time */
            createdAt: string;
        };
        TensorInfo: {
            name: string;
            /**
             * @description Element type: float32, float64, int32, int64, bool, uint8 (others as onnxruntime names them)
             * @example float32
             */
            type: string;
            /**
             * @description Dimensions; a symbolic (dynamic) dimension by its name, e.g. "N" ("" unnamed)
             * @example [
             *       "N",
             *       2
             *     ]
             */
            shape: (number | string)[];
        };
        ModelPage: {
            items: components["schemas"]["Model"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        EvaluateModelRequest: {
            /** @description Every input of the model, by name */
            inputs: {
                [key: string]: components["schemas"]["TensorInput"];
            };
            /**
             * @description How the outputs come back: `data`, JSON numbers (the default), or `base64`, `dataBase64` with the little-endian bytes of each output (no JSON number per value: the cheaper form for large batches)
             * @example base64
             * @enum {string}
             */
            outputEncoding?: "data" | "base64";
        };
        TensorInput: {
            /**
             * @description The element type, if the client wants it checked (it must be the input's)
             * @example float32
             */
            type?: string;
            /**
             * @description The dimensions; fixed ones must be the model's, symbolic ones agree across inputs
             * @example [
             *       2,
             *       2
             *     ]
             */
            shape: number[];
            /**
             * @description The values, row-major, of the input's element type
             * @example [
             *       -3.14,
             *       12.27,
             *       3.14,
             *       2.27
             *     ]
             */
            data?: (number | boolean)[];
            /**
             * @description Instead of `data`: the values as little-endian typed-array bytes of the input's element type (a Float32Array's bytes for float32), base64 with padding (RFC 4648; ASCII whitespace is skipped). The cheaper form for large batches in JSON
             * @example w/VIwOxRREHD9UhArkcRQA==
             */
            dataBase64?: string;
        };
        FeaturesAppended: {
            /** @description The first appended row's number */
            firstRow: number;
            appended: number;
            /** @description The study's rows now */
            rows: number;
            /** @description Features per row (p) */
            width: number;
        };
        FeatureBlock: {
            /** @description Rows of p numbers each */
            rows?: number[][];
            /** @description The rows as float32, little-endian, row-major, base64 (RFC 4648): rowCount × p × 4 bytes */
            dataBase64?: string;
            /** @description The rows in dataBase64 */
            rowCount?: number;
        };
        /**
         * @example {
         *       "id": "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
         *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "number": 7,
         *       "state": "OPEN",
         *       "rows": [
         *         3,
         *         41,
         *         97
         *       ],
         *       "batchSize": 3,
         *       "thetaVersion": 7,
         *       "loss": null,
         *       "result": null,
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "completedAt": null,
         *       "targets": [
         *         [
         *           0.21,
         *           -0.05,
         *           1.3
         *         ],
         *         [
         *           0.02,
         *           0.4,
         *           -0.7
         *         ],
         *         [
         *           1.1,
         *           0,
         *           -0.2
         *         ]
         *       ]
         *     }
         */
        StartedRound: components["schemas"]["Round"] & {
            /** @description z_t = f(θ; X): targets[i] (c values) belongs to the batch's row i */
            targets: number[][];
        };
        /** @description What a round's inner steps did */
        RoundResult: {
            /** @description θ's version after the round: the rounds completed so far */
            thetaVersion: number;
            /** @description Inner steps taken */
            innerSteps: number;
            /**
             * @description Why the inner steps ended: m steps taken, a vanishing gradient, a failed line search, or a step that made θ non-finite (θ was kept)
             * @enum {string}
             */
            stopped: "steps" | "gradient" | "lineSearch" | "nonFinite";
            /** @description h(θ) on the round's surrogate where the steps started (the current θ; 0 plus the L2 term when θ has not moved since the round's targets) */
            surrogateBefore: number | null;
            /** @description h at the new θ */
            surrogateAfter: number | null;
            steps: {
                /** @description α: θ moved by −α·∇h */
                step: number;
                /** @description h after the step */
                surrogate: number | null;
                /** @description Line-search trials */
                trials: number;
                /** @description ‖∇h‖ where the step started */
                gradNorm: number | null;
            }[];
        };
        /**
         * @example {
         *       "id": "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
         *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
         *       "number": 7,
         *       "state": "COMPLETED",
         *       "rows": [
         *         3,
         *         41,
         *         97
         *       ],
         *       "batchSize": 3,
         *       "thetaVersion": 7,
         *       "loss": 0.412,
         *       "result": {
         *         "thetaVersion": 8,
         *         "innerSteps": 2,
         *         "stopped": "steps",
         *         "surrogateBefore": 0,
         *         "surrogateAfter": -0.0712,
         *         "steps": [
         *           {
         *             "step": 13.3,
         *             "surrogate": -0.0634,
         *             "trials": 1,
         *             "gradNorm": 0.0421
         *           },
         *           {
         *             "step": 26.6,
         *             "surrogate": -0.0712,
         *             "trials": 7,
         *             "gradNorm": 0.0133
         *           }
         *         ]
         *       },
         *       "createdAt": "2026-11-27T12:00:00.000Z",
         *       "completedAt": "2026-11-27T13:00:00.000Z"
         *     }
         */
        Round: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            studyId: string;
            /** @description Position in the study, from 0 */
            number: number;
            /** @enum {string} */
            state: "OPEN" | "COMPLETED";
            /** @description The uploaded feature rows of the batch, in order; null when the round carried its own features */
            rows: number[] | null;
            /** @description Rows in the batch (b) */
            batchSize: number;
            /** @description The version of θ the round's targets were computed at */
            thetaVersion: number;
            /** @description The loss the client reported */
            loss: number | null;
            /** @description Null while the round is open */
            result: components["schemas"]["RoundResult"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            completedAt: string | null;
        };
        StartRoundRequest: {
            /** @description Rows minima draws from the uploaded features (distinct, with the study's seeded RNG; at most the rows uploaded). Default: the config's batchSize */
            batchSize?: number;
            /** @description The uploaded rows to use, by number (from 0, in upload order) */
            rows?: number[];
            /** @description The batch's own features, sent with the round (nothing need be uploaded) */
            features?: {
                /** @description Rows of p numbers each */
                rows?: number[][];
                /** @description The rows as float32, little-endian, row-major, base64 (RFC 4648): rowCount × p × 4 bytes */
                dataBase64?: string;
                /** @description The rows in dataBase64 */
                rowCount?: number;
            };
        };
        RoundPage: {
            items: components["schemas"]["Round"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The reported losses by round number, oldest first */
            lossCurve: {
                round: number;
                loss: number;
            }[];
        };
        CompleteRoundRequest: {
            /** @description G = ∂ℓ/∂z at the round's targets: gradient[i] belongs to the round's row i (c numbers) */
            gradient: number[][];
            /** @description The client's loss ℓ at the round's targets, kept for the loss curve (listRounds) */
            loss?: number;
        };
        StudyModel: {
            /** Format: uuid */
            studyId: string;
            thetaVersion: number;
            /** @description The model of the study's config */
            model: {
                [key: string]: unknown;
            };
            /** @description P, the length of θ */
            params: number;
            /** @description p */
            inputs: number;
            /** @description c */
            outputs: number;
            /** @description Where each affine layer sits in θ (empty for ONNX pairs) */
            layers: {
                inputs: number;
                outputs: number;
                weight: number;
                bias: number;
            }[];
            /** @enum {string|null} */
            activation: "tanh" | "relu" | null;
            theta: number[];
        };
        StudySummary: {
            /** Format: uuid */
            studyId: string;
            /** @description The first metric; null without one */
            metric: string | null;
            /** @enum {string|null} */
            goal: "minimize" | "maximize" | null;
            /** @description The best COMPLETED value of the first metric and its trial, or null */
            best: {
                value: number;
                trialNumber: number;
            } | null;
            /**
             * Format: date-time
             * @description The latest time one of its trials was created, started or finished
             */
            lastActivityAt: string | null;
        };
        ParameterImportance: {
            /** Format: uuid */
            studyId: string;
            metric: string | null;
            /**
             * @description Permutation importance on a Gaussian process (gp-bo's, Matérn 5/2, MAP fit) fitted to the completed trials
             * @enum {string}
             */
            method: "gp-permutation";
            /** @description COMPLETED trials with a value */
            completed: number;
            /** @description Of those, the ones the model was fitted on (a fixed sample of at most 150); 0 with fewer than 4 */
            trials: number;
            /** @description R² of the model on those trials */
            r2: number | null;
            /** @description In the space's order; empty with fewer than 4 trials */
            parameters: {
                name: string;
                /** @description The fraction of the value's variance the model loses when the parameter is shuffled across the trials (mean over 5 shuffles, floored at 0) */
                importance: number;
                /** @description Its standard deviation over the shuffles */
                sd: number;
            }[];
        };
        LabelerAgreement: {
            /** Format: uuid */
            studyId: string;
            /** @description Distinct labelers (keys) that ranked any of the study's comparisons */
            labelers: number;
            /** @description Comparisons ranked by two or more */
            comparisons: number;
            /** @description Candidate pairs whose order two labelers' rankings both imply, over every two labelers of every such comparison */
            compared: number;
            /** @description The share of those pairs both put the same way round (1: identical; about 0.5: as if at random); null when none were compared */
            agreement: number | null;
        };
        OpenApiDocument: {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "checks": {
                     *         "database": "ok",
                     *         "migrations": "ok"
                     *       },
                     *       "onnx": {
                     *         "provider": "cpu",
                     *         "providers": [
                     *           {
                     *             "name": "cuda",
                     *             "state": "unavailable",
                     *             "reason": "Failed to load shared library: libonnxruntime_providers_shared.so"
                     *           },
                     *           {
                     *             "name": "cpu",
                     *             "state": "available"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "unavailable",
                     *       "checks": {
                     *         "database": "connection refused",
                     *         "migrations": "unknown"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example minima_http_requests_total{method="POST",route="/v1/studies/:studyId/trials/suggest",status="200"} 42
                     *     minima_trials{state="COMPLETED"} 40
                     */
                    "text/plain": string;
                };
            };
            /** @description MINIMA_METRICS_TOKEN is set and the request does not send it */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "send the metrics token as `Authorization: Bearer <token>`"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of projects */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *           "name": "vision-team",
                     *           "createdAt": "2026-11-27T12:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ProjectPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "vision-team"
                 *     }
                 */
                "application/json": components["schemas"]["CreateProjectRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "name": "vision-team",
                     *       "createdAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project's keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *           "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *           "role": "project",
                     *           "studyId": null,
                     *           "name": "training-cluster",
                     *           "prefix": "mk_Qx3vT9a",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "revokedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "training-cluster"
                 *     }
                 */
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The new key (shown once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "role": "project",
                     *       "studyId": null,
                     *       "name": "training-cluster",
                     *       "prefix": "mk_Qx3vT9a",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "revokedAt": null,
                     *       "key": "mk_Qx3vT9aLw0pZr8sYc2dFgH1jKm4nBv7e"
                     *     }
                     */
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "role": "project",
                     *       "studyId": null,
                     *       "name": "training-cluster",
                     *       "prefix": "mk_Qx3vT9a",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "revokedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAdminKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The admin keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3a9e7c51-0d2f-4b6a-8c1e-9f0a2b3c4d5e",
                     *           "projectId": null,
                     *           "role": "admin",
                     *           "studyId": null,
                     *           "name": "ops-2026-q4",
                     *           "prefix": "mk_Z7wq2Lp",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "revokedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAdminKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ops-2026-q4"
                 *     }
                 */
                "application/json": components["schemas"]["CreateAdminKeyRequest"];
            };
        };
        responses: {
            /** @description The new admin key (shown once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3a9e7c51-0d2f-4b6a-8c1e-9f0a2b3c4d5e",
                     *       "projectId": null,
                     *       "role": "admin",
                     *       "studyId": null,
                     *       "name": "ops-2026-q4",
                     *       "prefix": "mk_Z7wq2Lp",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "revokedAt": null,
                     *       "key": "mk_Qx3vT9aLw0pZr8sYc2dFgH1jKm4nBv7e"
                     *     }
                     */
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeAdminKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3a9e7c51-0d2f-4b6a-8c1e-9f0a2b3c4d5e",
                     *       "projectId": null,
                     *       "role": "admin",
                     *       "studyId": null,
                     *       "name": "ops-2026-q4",
                     *       "prefix": "mk_Z7wq2Lp",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "revokedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                /** @description Only events of this action */
                action?: "admin_key.created" | "admin_key.revoked" | "api_key.created" | "api_key.revoked" | "labeler_token.created" | "labeler_token.revoked" | "project.created" | "study.deleted";
                /** @description Only events in this project */
                projectId?: string;
                /** @description Only events at or after this time (RFC 3339) */
                since?: string;
                /** @description Only events before this time (RFC 3339) */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "c1f0e2d3-4b5a-4968-8776-a5b4c3d2e1f0",
                     *           "at": "2026-11-27T13:00:00.000Z",
                     *           "actor": "3a9e7c51-0d2f-4b6a-8c1e-9f0a2b3c4d5e",
                     *           "action": "api_key.revoked",
                     *           "targetType": "api_key",
                     *           "targetId": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *           "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *           "requestId": "2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b",
                     *           "details": {
                     *             "name": "training-cluster",
                     *             "prefix": "mk_Qx3vT9a"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAlgorithms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registered algorithms */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "sobol",
                     *           "description": "Scrambled Sobol sequence: an even, space-filling design.",
                     *           "feedbackKinds": [
                     *             "value",
                     *             "infeasible",
                     *             "failed"
                     *           ],
                     *           "configSchema": {
                     *             "type": "object",
                     *             "properties": {
                     *               "scramble": {
                     *                 "type": "boolean",
                     *                 "default": true
                     *               }
                     *             },
                     *             "additionalProperties": false
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AlgorithmList"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStudies: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                state?: "ACTIVE" | "PAUSED" | "COMPLETED";
                /** @description Only the study of this name (names are unique in a project) */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of studies */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *           "name": "branin",
                     *           "metadata": {
                     *             "owner": "ada"
                     *           },
                     *           "state": "ACTIVE",
                     *           "space": {
                     *             "parameters": [
                     *               {
                     *                 "scale": "linear",
                     *                 "name": "x1",
                     *                 "type": "float",
                     *                 "min": -5,
                     *                 "max": 10
                     *               },
                     *               {
                     *                 "scale": "log",
                     *                 "name": "lr",
                     *                 "type": "float",
                     *                 "min": 0.00001,
                     *                 "max": 0.1
                     *               },
                     *               {
                     *                 "scale": "linear",
                     *                 "name": "layers",
                     *                 "type": "int",
                     *                 "min": 1,
                     *                 "max": 8
                     *               },
                     *               {
                     *                 "name": "opt",
                     *                 "type": "categorical",
                     *                 "values": [
                     *                   "adam",
                     *                   "sgd"
                     *                 ]
                     *               }
                     *             ]
                     *           },
                     *           "objective": {
                     *             "metrics": [
                     *               {
                     *                 "name": "value",
                     *                 "goal": "minimize"
                     *               }
                     *             ]
                     *           },
                     *           "algorithm": {
                     *             "name": "random",
                     *             "config": {},
                     *             "seed": 1
                     *           },
                     *           "settings": {
                     *             "leaseSeconds": 3600,
                     *             "maxTrials": 50,
                     *             "deadline": null
                     *           },
                     *           "labeling": null,
                     *           "trialCounts": {
                     *             "REQUESTED": 0,
                     *             "ACTIVE": 2,
                     *             "COMPLETED": 10,
                     *             "INFEASIBLE": 1,
                     *             "FAILED": 0,
                     *             "STALE": 0,
                     *             "RANKED": 0
                     *           },
                     *           "completion": null,
                     *           "progress": {
                     *             "trials": 13,
                     *             "maxTrials": 50,
                     *             "fraction": 0.26,
                     *             "deadline": null,
                     *             "remainingSeconds": null
                     *           },
                     *           "best": {
                     *             "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *             "number": 7,
                     *             "value": 0.41
                     *           },
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "updatedAt": "2026-11-27T13:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["StudyPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStudy: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "branin",
                 *       "metadata": {
                 *         "owner": "ada"
                 *       },
                 *       "space": {
                 *         "parameters": [
                 *           {
                 *             "name": "x1",
                 *             "type": "float",
                 *             "min": -5,
                 *             "max": 10
                 *           },
                 *           {
                 *             "name": "lr",
                 *             "type": "float",
                 *             "min": 0.00001,
                 *             "max": 0.1,
                 *             "scale": "log"
                 *           },
                 *           {
                 *             "name": "layers",
                 *             "type": "int",
                 *             "min": 1,
                 *             "max": 8
                 *           },
                 *           {
                 *             "name": "opt",
                 *             "type": "categorical",
                 *             "values": [
                 *               "adam",
                 *               "sgd"
                 *             ]
                 *           }
                 *         ]
                 *       },
                 *       "objective": {
                 *         "metrics": [
                 *           {
                 *             "name": "value",
                 *             "goal": "minimize"
                 *           }
                 *         ]
                 *       },
                 *       "algorithm": {
                 *         "name": "random",
                 *         "config": {},
                 *         "seed": 1
                 *       },
                 *       "settings": {
                 *         "leaseSeconds": 3600
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateStudyRequest"];
            };
        };
        responses: {
            /** @description The existing study of that name (`"ifExists": "return"`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "name": "branin",
                     *       "metadata": {
                     *         "owner": "ada"
                     *       },
                     *       "state": "ACTIVE",
                     *       "space": {
                     *         "parameters": [
                     *           {
                     *             "scale": "linear",
                     *             "name": "x1",
                     *             "type": "float",
                     *             "min": -5,
                     *             "max": 10
                     *           },
                     *           {
                     *             "scale": "log",
                     *             "name": "lr",
                     *             "type": "float",
                     *             "min": 0.00001,
                     *             "max": 0.1
                     *           },
                     *           {
                     *             "scale": "linear",
                     *             "name": "layers",
                     *             "type": "int",
                     *             "min": 1,
                     *             "max": 8
                     *           },
                     *           {
                     *             "name": "opt",
                     *             "type": "categorical",
                     *             "values": [
                     *               "adam",
                     *               "sgd"
                     *             ]
                     *           }
                     *         ]
                     *       },
                     *       "objective": {
                     *         "metrics": [
                     *           {
                     *             "name": "value",
                     *             "goal": "minimize"
                     *           }
                     *         ]
                     *       },
                     *       "algorithm": {
                     *         "name": "random",
                     *         "config": {},
                     *         "seed": 1
                     *       },
                     *       "settings": {
                     *         "leaseSeconds": 3600,
                     *         "maxTrials": 50,
                     *         "deadline": null
                     *       },
                     *       "labeling": null,
                     *       "trialCounts": {
                     *         "REQUESTED": 0,
                     *         "ACTIVE": 2,
                     *         "COMPLETED": 10,
                     *         "INFEASIBLE": 1,
                     *         "FAILED": 0,
                     *         "STALE": 0,
                     *         "RANKED": 0
                     *       },
                     *       "completion": null,
                     *       "progress": {
                     *         "trials": 13,
                     *         "maxTrials": 50,
                     *         "fraction": 0.26,
                     *         "deadline": null,
                     *         "remainingSeconds": null
                     *       },
                     *       "best": {
                     *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *         "number": 7,
                     *         "value": 0.41
                     *       },
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Study"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "name": "branin",
                     *       "metadata": {
                     *         "owner": "ada"
                     *       },
                     *       "state": "ACTIVE",
                     *       "space": {
                     *         "parameters": [
                     *           {
                     *             "scale": "linear",
                     *             "name": "x1",
                     *             "type": "float",
                     *             "min": -5,
                     *             "max": 10
                     *           },
                     *           {
                     *             "scale": "log",
                     *             "name": "lr",
                     *             "type": "float",
                     *             "min": 0.00001,
                     *             "max": 0.1
                     *           },
                     *           {
                     *             "scale": "linear",
                     *             "name": "layers",
                     *             "type": "int",
                     *             "min": 1,
                     *             "max": 8
                     *           },
                     *           {
                     *             "name": "opt",
                     *             "type": "categorical",
                     *             "values": [
                     *               "adam",
                     *               "sgd"
                     *             ]
                     *           }
                     *         ]
                     *       },
                     *       "objective": {
                     *         "metrics": [
                     *           {
                     *             "name": "value",
                     *             "goal": "minimize"
                     *           }
                     *         ]
                     *       },
                     *       "algorithm": {
                     *         "name": "random",
                     *         "config": {},
                     *         "seed": 1
                     *       },
                     *       "settings": {
                     *         "leaseSeconds": 3600,
                     *         "maxTrials": 50,
                     *         "deadline": null
                     *       },
                     *       "labeling": null,
                     *       "trialCounts": {
                     *         "REQUESTED": 0,
                     *         "ACTIVE": 2,
                     *         "COMPLETED": 10,
                     *         "INFEASIBLE": 1,
                     *         "FAILED": 0,
                     *         "STALE": 0,
                     *         "RANKED": 0
                     *       },
                     *       "completion": null,
                     *       "progress": {
                     *         "trials": 13,
                     *         "maxTrials": 50,
                     *         "fraction": 0.26,
                     *         "deadline": null,
                     *         "remainingSeconds": null
                     *       },
                     *       "best": {
                     *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *         "number": 7,
                     *         "value": 0.41
                     *       },
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Study"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The study */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "name": "branin",
                     *       "metadata": {
                     *         "owner": "ada"
                     *       },
                     *       "state": "ACTIVE",
                     *       "space": {
                     *         "parameters": [
                     *           {
                     *             "scale": "linear",
                     *             "name": "x1",
                     *             "type": "float",
                     *             "min": -5,
                     *             "max": 10
                     *           },
                     *           {
                     *             "scale": "log",
                     *             "name": "lr",
                     *             "type": "float",
                     *             "min": 0.00001,
                     *             "max": 0.1
                     *           },
                     *           {
                     *             "scale": "linear",
                     *             "name": "layers",
                     *             "type": "int",
                     *             "min": 1,
                     *             "max": 8
                     *           },
                     *           {
                     *             "name": "opt",
                     *             "type": "categorical",
                     *             "values": [
                     *               "adam",
                     *               "sgd"
                     *             ]
                     *           }
                     *         ]
                     *       },
                     *       "objective": {
                     *         "metrics": [
                     *           {
                     *             "name": "value",
                     *             "goal": "minimize"
                     *           }
                     *         ]
                     *       },
                     *       "algorithm": {
                     *         "name": "random",
                     *         "config": {},
                     *         "seed": 1
                     *       },
                     *       "settings": {
                     *         "leaseSeconds": 3600,
                     *         "maxTrials": 50,
                     *         "deadline": null
                     *       },
                     *       "labeling": null,
                     *       "trialCounts": {
                     *         "REQUESTED": 0,
                     *         "ACTIVE": 2,
                     *         "COMPLETED": 10,
                     *         "INFEASIBLE": 1,
                     *         "FAILED": 0,
                     *         "STALE": 0,
                     *         "RANKED": 0
                     *       },
                     *       "completion": null,
                     *       "progress": {
                     *         "trials": 13,
                     *         "maxTrials": 50,
                     *         "fraction": 0.26,
                     *         "deadline": null,
                     *         "remainingSeconds": null
                     *       },
                     *       "best": {
                     *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *         "number": 7,
                     *         "value": 0.41
                     *       },
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Study"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteStudy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateStudy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "state": "PAUSED",
                 *       "metadata": {
                 *         "owner": "ada",
                 *         "note": "paused for the weekend"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateStudyRequest"];
            };
        };
        responses: {
            /** @description The updated study */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "name": "branin",
                     *       "metadata": {
                     *         "owner": "ada"
                     *       },
                     *       "state": "ACTIVE",
                     *       "space": {
                     *         "parameters": [
                     *           {
                     *             "scale": "linear",
                     *             "name": "x1",
                     *             "type": "float",
                     *             "min": -5,
                     *             "max": 10
                     *           },
                     *           {
                     *             "scale": "log",
                     *             "name": "lr",
                     *             "type": "float",
                     *             "min": 0.00001,
                     *             "max": 0.1
                     *           },
                     *           {
                     *             "scale": "linear",
                     *             "name": "layers",
                     *             "type": "int",
                     *             "min": 1,
                     *             "max": 8
                     *           },
                     *           {
                     *             "name": "opt",
                     *             "type": "categorical",
                     *             "values": [
                     *               "adam",
                     *               "sgd"
                     *             ]
                     *           }
                     *         ]
                     *       },
                     *       "objective": {
                     *         "metrics": [
                     *           {
                     *             "name": "value",
                     *             "goal": "minimize"
                     *           }
                     *         ]
                     *       },
                     *       "algorithm": {
                     *         "name": "random",
                     *         "config": {},
                     *         "seed": 1
                     *       },
                     *       "settings": {
                     *         "leaseSeconds": 3600,
                     *         "maxTrials": 50,
                     *         "deadline": null
                     *       },
                     *       "labeling": null,
                     *       "trialCounts": {
                     *         "REQUESTED": 0,
                     *         "ACTIVE": 2,
                     *         "COMPLETED": 10,
                     *         "INFEASIBLE": 1,
                     *         "FAILED": 0,
                     *         "STALE": 0,
                     *         "RANKED": 0
                     *       },
                     *       "completion": null,
                     *       "progress": {
                     *         "trials": 13,
                     *         "maxTrials": 50,
                     *         "fraction": 0.26,
                     *         "deadline": null,
                     *         "remainingSeconds": null
                     *       },
                     *       "best": {
                     *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *         "number": 7,
                     *         "value": 0.41
                     *       },
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Study"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suggestTrials: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "count": 1,
                 *       "clientId": "worker-3"
                 *     }
                 */
                "application/json": components["schemas"]["SuggestTrialsRequest"];
            };
        };
        responses: {
            /** @description The trials to evaluate */
            200: {
                headers: {
                    /** @description Seconds until asking again is worthwhile; only when fewer trials than asked were handed out */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "trials": [
                     *         {
                     *           "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *           "number": 12,
                     *           "state": "ACTIVE",
                     *           "params": {
                     *             "x1": 1.5,
                     *             "lr": 0.0031,
                     *             "layers": 4,
                     *             "opt": "adam"
                     *           },
                     *           "values": null,
                     *           "variances": null,
                     *           "reason": null,
                     *           "clientId": "worker-3",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "startedAt": "2026-11-27T12:00:00.000Z",
                     *           "completedAt": null,
                     *           "leaseExpiresAt": "2026-11-27T13:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SuggestTrialsResponse"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTrials: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                state?: "REQUESTED" | "ACTIVE" | "COMPLETED" | "INFEASIBLE" | "FAILED" | "STALE" | "RANKED";
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of trials */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *           "number": 12,
                     *           "state": "COMPLETED",
                     *           "params": {
                     *             "x1": 1.5,
                     *             "lr": 0.0031,
                     *             "layers": 4,
                     *             "opt": "adam"
                     *           },
                     *           "values": {
                     *             "value": 0.41
                     *           },
                     *           "variances": null,
                     *           "reason": null,
                     *           "clientId": "worker-3",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "startedAt": "2026-11-27T12:00:00.000Z",
                     *           "completedAt": "2026-11-27T13:00:00.000Z",
                     *           "leaseExpiresAt": null
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TrialPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTrial: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "params": {
                 *         "x1": 1.5,
                 *         "lr": 0.001,
                 *         "layers": 3,
                 *         "opt": "sgd"
                 *       },
                 *       "values": {
                 *         "value": 2.7
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateTrialRequest"];
            };
        };
        responses: {
            /** @description The new trial */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *       "number": 12,
                     *       "state": "COMPLETED",
                     *       "params": {
                     *         "x1": 1.5,
                     *         "lr": 0.0031,
                     *         "layers": 4,
                     *         "opt": "adam"
                     *       },
                     *       "values": {
                     *         "value": 0.41
                     *       },
                     *       "variances": null,
                     *       "reason": null,
                     *       "clientId": "worker-3",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": "2026-11-27T13:00:00.000Z",
                     *       "leaseExpiresAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Trial"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBestTrials: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The best trials */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "trials": [
                     *         {
                     *           "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *           "number": 12,
                     *           "state": "COMPLETED",
                     *           "params": {
                     *             "x1": 1.5,
                     *             "lr": 0.0031,
                     *             "layers": 4,
                     *             "opt": "adam"
                     *           },
                     *           "values": {
                     *             "value": 0.41
                     *           },
                     *           "variances": null,
                     *           "reason": null,
                     *           "clientId": "worker-3",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "startedAt": "2026-11-27T12:00:00.000Z",
                     *           "completedAt": "2026-11-27T13:00:00.000Z",
                     *           "leaseExpiresAt": null
                     *         }
                     *       ],
                     *       "recommendation": null
                     *     }
                     */
                    "application/json": components["schemas"]["BestTrials"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportTrials: {
        parameters: {
            query?: {
                format?: "csv" | "jsonl";
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trials */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example number,id,state,clientId,createdAt,startedAt,completedAt,params.x1,values.value,reason
                     *     0,e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9,COMPLETED,worker-3,2026-11-27T12:00:00.000Z,2026-11-27T12:00:00.000Z,2026-11-27T13:00:00.000Z,1.5,0.41,
                     */
                    "text/csv": string;
                    /** @example {"id":"e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9","number":12,"state":"COMPLETED","params":{"x1":1.5,"lr":0.0031,"layers":4,"opt":"adam"},"values":{"value":0.41},"variances":null,"reason":null,"clientId":"worker-3","createdAt":"2026-11-27T12:00:00.000Z","startedAt":"2026-11-27T12:00:00.000Z","completedAt":"2026-11-27T13:00:00.000Z","leaseExpiresAt":null} */
                    "application/x-ndjson": string;
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeTrials: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
                /** @description `return=minimal` (RFC 7240): answer `204 No Content` (with `Preference-Applied: return=minimal`) instead of echoing what was written: less work for the service and the client when the answer is not needed (batch jobs). A replay of an idempotent request answers as the first one did. */
                prefer?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "items": [
                 *         {
                 *           "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                 *           "values": {
                 *             "value": 0.41
                 *           }
                 *         },
                 *         {
                 *           "trialId": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                 *           "infeasible": true,
                 *           "reason": "diverged"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CompleteTrialsRequest"];
            };
        };
        responses: {
            /** @description The finished trials, in the order of the items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "trials": [
                     *         {
                     *           "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *           "number": 12,
                     *           "state": "COMPLETED",
                     *           "params": {
                     *             "x1": 1.5,
                     *             "lr": 0.0031,
                     *             "layers": 4,
                     *             "opt": "adam"
                     *           },
                     *           "values": {
                     *             "value": 0.41
                     *           },
                     *           "variances": null,
                     *           "reason": null,
                     *           "clientId": "worker-3",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "startedAt": "2026-11-27T12:00:00.000Z",
                     *           "completedAt": "2026-11-27T13:00:00.000Z",
                     *           "leaseExpiresAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CompletedTrials"];
                };
            };
            /** @description All items applied; no body, as asked with `Prefer: return=minimal` */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTrial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                trialId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trial */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *       "number": 12,
                     *       "state": "COMPLETED",
                     *       "params": {
                     *         "x1": 1.5,
                     *         "lr": 0.0031,
                     *         "layers": 4,
                     *         "opt": "adam"
                     *       },
                     *       "values": {
                     *         "value": 0.41
                     *       },
                     *       "variances": null,
                     *       "reason": null,
                     *       "clientId": "worker-3",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": "2026-11-27T13:00:00.000Z",
                     *       "leaseExpiresAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Trial"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeTrial: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
                trialId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "values": {
                 *         "value": 0.41
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CompleteTrialRequest"];
            };
        };
        responses: {
            /** @description The completed trial */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *       "number": 12,
                     *       "state": "COMPLETED",
                     *       "params": {
                     *         "x1": 1.5,
                     *         "lr": 0.0031,
                     *         "layers": 4,
                     *         "opt": "adam"
                     *       },
                     *       "values": {
                     *         "value": 0.41
                     *       },
                     *       "variances": null,
                     *       "reason": null,
                     *       "clientId": "worker-3",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": "2026-11-27T13:00:00.000Z",
                     *       "leaseExpiresAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Trial"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    heartbeatTrial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                trialId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trial with its new lease */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *       "number": 12,
                     *       "state": "ACTIVE",
                     *       "params": {
                     *         "x1": 1.5,
                     *         "lr": 0.0031,
                     *         "layers": 4,
                     *         "opt": "adam"
                     *       },
                     *       "values": null,
                     *       "variances": null,
                     *       "reason": null,
                     *       "clientId": "worker-3",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": null,
                     *       "leaseExpiresAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Trial"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    failTrial: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
                trialId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "out of GPU memory"
                 *     }
                 */
                "application/json": components["schemas"]["FailTrialRequest"];
            };
        };
        responses: {
            /** @description The failed trial */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
                     *       "number": 12,
                     *       "state": "FAILED",
                     *       "params": {
                     *         "x1": 1.5,
                     *         "lr": 0.0031,
                     *         "layers": 4,
                     *         "opt": "adam"
                     *       },
                     *       "values": null,
                     *       "variances": null,
                     *       "reason": "out of GPU memory",
                     *       "clientId": "worker-3",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": "2026-11-27T13:00:00.000Z",
                     *       "leaseExpiresAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Trial"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRuns: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                /** @description QUEUED (waiting for a worker) → RUNNING → SUCCEEDED (budget, deadline or target reached, or its study complete: see `stopReason`) | FAILED (see `reason`) | CANCELLED */
                state?: components["schemas"]["RunState"];
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
                     *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "state": "RUNNING",
                     *           "budget": 200,
                     *           "batchSize": 16,
                     *           "maxSeconds": 600,
                     *           "stopAtValue": 0.4,
                     *           "completed": 48,
                     *           "best": {
                     *             "value": 0.52,
                     *             "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"
                     *           },
                     *           "stopReason": null,
                     *           "reason": null,
                     *           "inFlight": 32,
                     *           "requires": null,
                     *           "claims": 1,
                     *           "scheduleId": null,
                     *           "tick": null,
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "startedAt": "2026-11-27T12:00:00.000Z",
                     *           "finishedAt": null,
                     *           "updatedAt": "2026-11-27T12:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["RunPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "budget": 200,
                 *       "batchSize": 16,
                 *       "maxSeconds": 600
                 *     }
                 */
                "application/json": components["schemas"]["StartRunRequest"];
            };
        };
        responses: {
            /** @description The run, queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "state": "QUEUED",
                     *       "budget": 200,
                     *       "batchSize": 16,
                     *       "maxSeconds": 600,
                     *       "stopAtValue": 0.4,
                     *       "completed": 0,
                     *       "best": null,
                     *       "stopReason": null,
                     *       "reason": null,
                     *       "inFlight": 32,
                     *       "requires": null,
                     *       "claims": 0,
                     *       "scheduleId": null,
                     *       "tick": null,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": null,
                     *       "finishedAt": null,
                     *       "updatedAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "state": "RUNNING",
                     *       "budget": 200,
                     *       "batchSize": 16,
                     *       "maxSeconds": 600,
                     *       "stopAtValue": 0.4,
                     *       "completed": 48,
                     *       "best": {
                     *         "value": 0.52,
                     *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"
                     *       },
                     *       "stopReason": null,
                     *       "reason": null,
                     *       "inFlight": 32,
                     *       "requires": null,
                     *       "claims": 1,
                     *       "scheduleId": null,
                     *       "tick": null,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "finishedAt": null,
                     *       "updatedAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run, CANCELLED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "state": "CANCELLED",
                     *       "budget": 200,
                     *       "batchSize": 16,
                     *       "maxSeconds": 600,
                     *       "stopAtValue": 0.4,
                     *       "completed": 48,
                     *       "best": {
                     *         "value": 0.52,
                     *         "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"
                     *       },
                     *       "stopReason": "cancelled",
                     *       "reason": null,
                     *       "inFlight": 0,
                     *       "requires": null,
                     *       "claims": 1,
                     *       "scheduleId": null,
                     *       "tick": null,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "startedAt": "2026-11-27T12:00:00.000Z",
                     *       "finishedAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event received: the stream resumes after it */
                "last-event-id"?: string;
            };
            path: {
                studyId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 1
                     *     event: state
                     *     data: {"state":"QUEUED","stopReason":null,"reason":null,"completed":0,"best":null}
                     *
                     *     id: 2
                     *     event: state
                     *     data: {"state":"RUNNING","stopReason":null,"reason":null,"completed":0,"best":null}
                     *
                     *     id: 3
                     *     event: progress
                     *     data: {"completed":16,"budget":200,"best":{"value":0.52,"trialId":"e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"},"evaluationsPerSecond":412.5,"elapsedSeconds":0.04}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description The run has ended and no event follows `Last-Event-ID`: nothing more to send (an EventSource stops reconnecting) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSchedules: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of schedules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "cron": "0 3 * * *",
                     *           "timezone": "Europe/Paris",
                     *           "run": {
                     *             "budget": 200,
                     *             "batchSize": 16
                     *           },
                     *           "overlap": "skip",
                     *           "catchUp": "one",
                     *           "paused": false,
                     *           "nextTickAt": "2026-11-28T02:00:00.000Z",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "updatedAt": "2026-11-27T12:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["SchedulePage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "cron": "0 3 * * *",
                 *       "timezone": "Europe/Paris",
                 *       "run": {
                 *         "budget": 200,
                 *         "batchSize": 16
                 *       },
                 *       "overlap": "skip",
                 *       "catchUp": "one",
                 *       "paused": false
                 *     }
                 */
                "application/json": components["schemas"]["CreateScheduleRequest"];
            };
        };
        responses: {
            /** @description The schedule */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "cron": "0 3 * * *",
                     *       "timezone": "Europe/Paris",
                     *       "run": {
                     *         "budget": 200,
                     *         "batchSize": 16
                     *       },
                     *       "overlap": "skip",
                     *       "catchUp": "one",
                     *       "paused": false,
                     *       "nextTickAt": "2026-11-28T02:00:00.000Z",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "cron": "0 3 * * *",
                     *       "timezone": "Europe/Paris",
                     *       "run": {
                     *         "budget": 200,
                     *         "batchSize": 16
                     *       },
                     *       "overlap": "skip",
                     *       "catchUp": "one",
                     *       "paused": false,
                     *       "nextTickAt": "2026-11-28T02:00:00.000Z",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T12:00:00.000Z",
                     *       "nextTicks": [
                     *         "2026-11-28T02:00:00.000Z",
                     *         "2026-11-29T02:00:00.000Z",
                     *         "2026-11-30T02:00:00.000Z"
                     *       ],
                     *       "lastTicks": [
                     *         {
                     *           "tick": "2026-11-27T02:00:00.000Z",
                     *           "outcome": "started",
                     *           "runId": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
                     *           "reason": null
                     *         }
                     *       ],
                     *       "lastRuns": [
                     *         {
                     *           "id": "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e",
                     *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "state": "RUNNING",
                     *           "budget": 200,
                     *           "batchSize": 16,
                     *           "maxSeconds": 600,
                     *           "stopAtValue": 0.4,
                     *           "completed": 48,
                     *           "best": {
                     *             "value": 0.52,
                     *             "trialId": "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9"
                     *           },
                     *           "stopReason": null,
                     *           "reason": null,
                     *           "inFlight": 32,
                     *           "requires": null,
                     *           "claims": 1,
                     *           "scheduleId": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *           "tick": "2026-11-27T02:00:00.000Z",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "startedAt": "2026-11-27T12:00:00.000Z",
                     *           "finishedAt": null,
                     *           "updatedAt": "2026-11-27T12:00:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ScheduleDetail"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                scheduleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "paused": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateScheduleRequest"];
            };
        };
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "cron": "0 3 * * *",
                     *       "timezone": "Europe/Paris",
                     *       "run": {
                     *         "budget": 200,
                     *         "batchSize": 16
                     *       },
                     *       "overlap": "skip",
                     *       "catchUp": "one",
                     *       "paused": true,
                     *       "nextTickAt": null,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "updatedAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    nextComparison: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A comparison to rank (or none for now), and your progress */
            200: {
                headers: {
                    /** @description Seconds until asking again is worthwhile; only when none is available */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "comparison": {
                     *         "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                     *         "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *         "number": 7,
                     *         "state": "OPEN",
                     *         "candidates": [
                     *           {
                     *             "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *             "params": {
                     *               "r": 0,
                     *               "g": 0.5,
                     *               "b": 0.9
                     *             },
                     *             "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
                     *           },
                     *           {
                     *             "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                     *             "params": {
                     *               "r": 0.2,
                     *               "g": 0.5,
                     *               "b": 0.7
                     *             },
                     *             "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
                     *           },
                     *           {
                     *             "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *             "params": {
                     *               "r": 0.4,
                     *               "g": 0.5,
                     *               "b": 0.5
                     *             },
                     *             "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
                     *           },
                     *           {
                     *             "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *             "params": {
                     *               "r": 0.6000000000000001,
                     *               "g": 0.5,
                     *               "b": 0.29999999999999993
                     *             },
                     *             "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
                     *           }
                     *         ],
                     *         "rankingLength": 4,
                     *         "rankingsNeeded": 1,
                     *         "rankingsReceived": 0,
                     *         "skips": 0,
                     *         "heldByYou": true,
                     *         "holdExpiresAt": "2026-11-27T13:00:00.000Z",
                     *         "ranking": null,
                     *         "answeredByYou": false,
                     *         "createdAt": "2026-11-27T12:00:00.000Z",
                     *         "closedAt": null
                     *       },
                     *       "progress": {
                     *         "answeredByYou": 6,
                     *         "closed": 7,
                     *         "open": 1
                     *       },
                     *       "study": {
                     *         "title": "Tomatoes",
                     *         "prompt": "Which looks most like a ripe tomato?"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["NextComparison"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitRanking: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
                comparisonId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ranking": [
                 *         "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                 *         "0f1e2d3c-4b5a-4697-8877-665544332211",
                 *         "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                 *         "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["SubmitRankingRequest"];
            };
        };
        responses: {
            /** @description The comparison after your ranking */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "RANKED",
                     *       "candidates": [
                     *         {
                     *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *           "params": {
                     *             "r": 0,
                     *             "g": 0.5,
                     *             "b": 0.9
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
                     *         },
                     *         {
                     *           "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                     *           "params": {
                     *             "r": 0.2,
                     *             "g": 0.5,
                     *             "b": 0.7
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
                     *         },
                     *         {
                     *           "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *           "params": {
                     *             "r": 0.4,
                     *             "g": 0.5,
                     *             "b": 0.5
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
                     *         },
                     *         {
                     *           "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *           "params": {
                     *             "r": 0.6000000000000001,
                     *             "g": 0.5,
                     *             "b": 0.29999999999999993
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
                     *         }
                     *       ],
                     *       "rankingLength": 4,
                     *       "rankingsNeeded": 1,
                     *       "rankingsReceived": 1,
                     *       "skips": 0,
                     *       "heldByYou": false,
                     *       "holdExpiresAt": null,
                     *       "ranking": [
                     *         "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *         "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *         "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *         "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"
                     *       ],
                     *       "answeredByYou": true,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "closedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Comparison"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    skipComparison: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                comparisonId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison after your skip */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "SKIPPED",
                     *       "candidates": [
                     *         {
                     *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *           "params": {
                     *             "r": 0,
                     *             "g": 0.5,
                     *             "b": 0.9
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
                     *         },
                     *         {
                     *           "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                     *           "params": {
                     *             "r": 0.2,
                     *             "g": 0.5,
                     *             "b": 0.7
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
                     *         },
                     *         {
                     *           "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *           "params": {
                     *             "r": 0.4,
                     *             "g": 0.5,
                     *             "b": 0.5
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
                     *         },
                     *         {
                     *           "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *           "params": {
                     *             "r": 0.6000000000000001,
                     *             "g": 0.5,
                     *             "b": 0.29999999999999993
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
                     *         }
                     *       ],
                     *       "rankingLength": 4,
                     *       "rankingsNeeded": 1,
                     *       "rankingsReceived": 0,
                     *       "skips": 1,
                     *       "heldByYou": false,
                     *       "holdExpiresAt": null,
                     *       "ranking": null,
                     *       "answeredByYou": true,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "closedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Comparison"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    undoRanking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                comparisonId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison, open again and held by you */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "OPEN",
                     *       "candidates": [
                     *         {
                     *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *           "params": {
                     *             "r": 0,
                     *             "g": 0.5,
                     *             "b": 0.9
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
                     *         },
                     *         {
                     *           "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                     *           "params": {
                     *             "r": 0.2,
                     *             "g": 0.5,
                     *             "b": 0.7
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
                     *         },
                     *         {
                     *           "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *           "params": {
                     *             "r": 0.4,
                     *             "g": 0.5,
                     *             "b": 0.5
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
                     *         },
                     *         {
                     *           "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *           "params": {
                     *             "r": 0.6000000000000001,
                     *             "g": 0.5,
                     *             "b": 0.29999999999999993
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
                     *         }
                     *       ],
                     *       "rankingLength": 4,
                     *       "rankingsNeeded": 1,
                     *       "rankingsReceived": 0,
                     *       "skips": 0,
                     *       "heldByYou": true,
                     *       "holdExpiresAt": "2026-11-27T13:00:00.000Z",
                     *       "ranking": null,
                     *       "answeredByYou": false,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "closedAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Comparison"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listComparisons: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
                state?: "OPEN" | "RANKED" | "SKIPPED";
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of comparisons */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                     *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "number": 7,
                     *           "state": "OPEN",
                     *           "candidates": [
                     *             {
                     *               "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *               "params": {
                     *                 "r": 0,
                     *                 "g": 0.5,
                     *                 "b": 0.9
                     *               },
                     *               "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
                     *             },
                     *             {
                     *               "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                     *               "params": {
                     *                 "r": 0.2,
                     *                 "g": 0.5,
                     *                 "b": 0.7
                     *               },
                     *               "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
                     *             },
                     *             {
                     *               "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *               "params": {
                     *                 "r": 0.4,
                     *                 "g": 0.5,
                     *                 "b": 0.5
                     *               },
                     *               "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
                     *             },
                     *             {
                     *               "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *               "params": {
                     *                 "r": 0.6000000000000001,
                     *                 "g": 0.5,
                     *                 "b": 0.29999999999999993
                     *               },
                     *               "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
                     *             }
                     *           ],
                     *           "rankingLength": 4,
                     *           "rankingsNeeded": 1,
                     *           "rankingsReceived": 0,
                     *           "skips": 0,
                     *           "heldByYou": true,
                     *           "holdExpiresAt": "2026-11-27T13:00:00.000Z",
                     *           "ranking": null,
                     *           "answeredByYou": false,
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "closedAt": null
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ComparisonPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportComparisons: {
        parameters: {
            query?: {
                format?: "csv" | "jsonl";
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparisons and their answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example number,id,state,createdAt,closedAt,candidates,ranking,labelerId,labeler,answer,answerRanking,answeredAt
                     *     7,5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b,RANKED,2026-11-27T12:00:00.000Z,2026-11-27T13:00:00.000Z,0f1e2d3c-4b5a-4697-8877-665544332211 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d,1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d 0f1e2d3c-4b5a-4697-8877-665544332211,5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f,ada,ranking,1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d 0f1e2d3c-4b5a-4697-8877-665544332211,2026-11-27T13:00:00.000Z
                     */
                    "text/csv": string;
                    /** @example {"number":7,"id":"5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b","state":"RANKED","createdAt":"2026-11-27T12:00:00.000Z","closedAt":"2026-11-27T13:00:00.000Z","candidates":[{"id":"0f1e2d3c-4b5a-4697-8877-665544332211","params":{"r":0.2,"g":0.5,"b":0.9}},{"id":"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","params":{"r":0.2,"g":0.5,"b":0.9}}],"ranking":["1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","0f1e2d3c-4b5a-4697-8877-665544332211"],"answers":[{"labelerId":"5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f","labeler":"ada","ranking":["1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","0f1e2d3c-4b5a-4697-8877-665544332211"],"skipped":false,"answeredAt":"2026-11-27T13:00:00.000Z"}]} */
                    "application/x-ndjson": string;
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getComparison: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                comparisonId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comparison */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "OPEN",
                     *       "candidates": [
                     *         {
                     *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *           "params": {
                     *             "r": 0,
                     *             "g": 0.5,
                     *             "b": 0.9
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/0f1e2d3c-4b5a-4697-8877-665544332211/rendering"
                     *         },
                     *         {
                     *           "id": "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                     *           "params": {
                     *             "r": 0.2,
                     *             "g": 0.5,
                     *             "b": 0.7
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d/rendering"
                     *         },
                     *         {
                     *           "id": "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
                     *           "params": {
                     *             "r": 0.4,
                     *             "g": 0.5,
                     *             "b": 0.5
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e/rendering"
                     *         },
                     *         {
                     *           "id": "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
                     *           "params": {
                     *             "r": 0.6000000000000001,
                     *             "g": 0.5,
                     *             "b": 0.29999999999999993
                     *           },
                     *           "renderingUrl": "/v1/studies/8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b/comparisons/5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b/candidates/3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f/rendering"
                     *         }
                     *       ],
                     *       "rankingLength": 4,
                     *       "rankingsNeeded": 1,
                     *       "rankingsReceived": 0,
                     *       "skips": 0,
                     *       "heldByYou": true,
                     *       "holdExpiresAt": "2026-11-27T13:00:00.000Z",
                     *       "ranking": null,
                     *       "answeredByYou": false,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "closedAt": null
                     *     }
                     */
                    "application/json": components["schemas"]["Comparison"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    renderCandidate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                comparisonId: string;
                candidateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">…</svg> */
                    "image/svg+xml": string;
                    /** @example (PNG bytes: 89 50 4E 47 0D 0A 1A 0A …) */
                    "image/png": string;
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLabelerTokens: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The study's labeler tokens, revoked ones included */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *           "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *           "role": "labeler",
                     *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "name": "ada",
                     *           "prefix": "mk_Qx3vT9a",
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "revokedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLabelerToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ada"
                 *     }
                 */
                "application/json": components["schemas"]["CreateLabelerTokenRequest"];
            };
        };
        responses: {
            /** @description The token (shown once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "role": "labeler",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "name": "ada",
                     *       "prefix": "mk_Qx3vT9a",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "revokedAt": null,
                     *       "key": "mk_Qx3vT9aLw0pZr8sYc2dFgH1jKm4nBv7e"
                     *     }
                     */
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeLabelerToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
                     *       "projectId": "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
                     *       "role": "labeler",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "name": "ada",
                     *       "prefix": "mk_Qx3vT9a",
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "revokedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listModels: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of models */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3a7c9e1f-5b2d-4c8e-a6f0-9d1b3e5c7a20",
                     *           "name": "branin",
                     *           "sha256": "9f2b5c0e8d1a4f7b3e6c9a2d5f8b1e4c7a0d3f6b9e2c5a8d1f4b7e0c3a6d9f2b",
                     *           "sizeBytes": 1482,
                     *           "inputs": [
                     *             {
                     *               "name": "x",
                     *               "type": "float32",
                     *               "shape": [
                     *                 "N",
                     *                 2
                     *               ]
                     *             }
                     *           ],
                     *           "outputs": [
                     *             {
                     *               "name": "y",
                     *               "type": "float32",
                     *               "shape": [
                     *                 "N",
                     *                 1
                     *               ]
                     *             }
                     *           ],
                     *           "opset": 17,
                     *           "producer": "minima",
                     *           "provider": "cpu",
                     *           "createdAt": "2026-11-27T12:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ModelPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadModel: {
        parameters: {
            query: {
                /** @description A name for the model (need not be unique) */
                name: string;
            };
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example (the bytes of model.onnx: curl --data-binary @model.onnx) */
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3a7c9e1f-5b2d-4c8e-a6f0-9d1b3e5c7a20",
                     *       "name": "branin",
                     *       "sha256": "9f2b5c0e8d1a4f7b3e6c9a2d5f8b1e4c7a0d3f6b9e2c5a8d1f4b7e0c3a6d9f2b",
                     *       "sizeBytes": 1482,
                     *       "inputs": [
                     *         {
                     *           "name": "x",
                     *           "type": "float32",
                     *           "shape": [
                     *             "N",
                     *             2
                     *           ]
                     *         }
                     *       ],
                     *       "outputs": [
                     *         {
                     *           "name": "y",
                     *           "type": "float32",
                     *           "shape": [
                     *             "N",
                     *             1
                     *           ]
                     *         }
                     *       ],
                     *       "opset": 17,
                     *       "producer": "minima",
                     *       "provider": "cpu",
                     *       "createdAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                modelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3a7c9e1f-5b2d-4c8e-a6f0-9d1b3e5c7a20",
                     *       "name": "branin",
                     *       "sha256": "9f2b5c0e8d1a4f7b3e6c9a2d5f8b1e4c7a0d3f6b9e2c5a8d1f4b7e0c3a6d9f2b",
                     *       "sizeBytes": 1482,
                     *       "inputs": [
                     *         {
                     *           "name": "x",
                     *           "type": "float32",
                     *           "shape": [
                     *             "N",
                     *             2
                     *           ]
                     *         }
                     *       ],
                     *       "outputs": [
                     *         {
                     *           "name": "y",
                     *           "type": "float32",
                     *           "shape": [
                     *             "N",
                     *             1
                     *           ]
                     *         }
                     *       ],
                     *       "opset": 17,
                     *       "producer": "minima",
                     *       "provider": "cpu",
                     *       "createdAt": "2026-11-27T12:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Model"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                modelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                modelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example (the bytes of the .onnx file, as uploaded) */
                    "application/octet-stream": string;
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    evaluateModel: {
        parameters: {
            query?: never;
            header?: {
                /** @description The length in bytes of the JSON header that begins a binary body */
                "inference-header-content-length"?: string;
            };
            path: {
                modelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "inputs": {
                 *         "x": {
                 *           "shape": [
                 *             2,
                 *             2
                 *           ],
                 *           "data": [
                 *             -3.14,
                 *             12.27,
                 *             3.14,
                 *             2.27
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["EvaluateModelRequest"];
                /** @example {"inputs":{"x":{"shape":[2,2]}}} followed by 16 bytes: the Float32Array [-3.14, 12.27, 3.14, 2.27] (Inference-Header-Content-Length: 32) */
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description The outputs */
            200: {
                headers: {
                    /** @description With a binary answer: the length in bytes of its JSON header */
                    "inference-header-content-length"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "outputs": {
                     *         "y": {
                     *           "type": "float32",
                     *           "shape": [
                     *             2,
                     *             1
                     *           ],
                     *           "data": [
                     *             0.3979,
                     *             0.3979
                     *           ]
                     *         }
                     *       },
                     *       "provider": "cpu",
                     *       "batchRows": 2,
                     *       "ms": 0.4
                     *     }
                     */
                    "application/json": components["schemas"]["Evaluation"];
                    /** @example {"outputs":{"y":{"type":"float32","shape":[2,1],"byteLength":8}},"provider":"cpu","batchRows":2,"ms":0.4} followed by 8 bytes: the Float32Array [0.3979, 0.3979] */
                    "application/octet-stream": string;
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadFeatures: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rows": [
                 *         [
                 *           5.1,
                 *           3.5,
                 *           1.4
                 *         ],
                 *         [
                 *           4.9,
                 *           3,
                 *           1.4
                 *         ]
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["FeatureBlock"];
            };
        };
        responses: {
            /** @description The rows appended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "firstRow": 0,
                     *       "appended": 2,
                     *       "rows": 2,
                     *       "width": 3
                     *     }
                     */
                    "application/json": components["schemas"]["FeaturesAppended"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRounds: {
        parameters: {
            query?: {
                /** @description Items per page (1–1000, default 100) */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rounds and the loss curve */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *           "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *           "number": 7,
                     *           "state": "COMPLETED",
                     *           "rows": [
                     *             3,
                     *             41,
                     *             97
                     *           ],
                     *           "batchSize": 3,
                     *           "thetaVersion": 7,
                     *           "loss": 0.412,
                     *           "result": {
                     *             "thetaVersion": 8,
                     *             "innerSteps": 2,
                     *             "stopped": "steps",
                     *             "surrogateBefore": 0,
                     *             "surrogateAfter": -0.0712,
                     *             "steps": [
                     *               {
                     *                 "step": 13.3,
                     *                 "surrogate": -0.0634,
                     *                 "trials": 1,
                     *                 "gradNorm": 0.0421
                     *               },
                     *               {
                     *                 "step": 26.6,
                     *                 "surrogate": -0.0712,
                     *                 "trials": 7,
                     *                 "gradNorm": 0.0133
                     *               }
                     *             ]
                     *           },
                     *           "createdAt": "2026-11-27T12:00:00.000Z",
                     *           "completedAt": "2026-11-27T13:00:00.000Z"
                     *         }
                     *       ],
                     *       "nextCursor": null,
                     *       "lossCurve": [
                     *         {
                     *           "round": 6,
                     *           "loss": 0.448
                     *         },
                     *         {
                     *           "round": 7,
                     *           "loss": 0.412
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RoundPage"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startRound: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "batchSize": 3
                 *     }
                 */
                "application/json": components["schemas"]["StartRoundRequest"];
            };
        };
        responses: {
            /** @description The round, open, with its targets */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "OPEN",
                     *       "rows": [
                     *         3,
                     *         41,
                     *         97
                     *       ],
                     *       "batchSize": 3,
                     *       "thetaVersion": 7,
                     *       "loss": null,
                     *       "result": null,
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": null,
                     *       "targets": [
                     *         [
                     *           0.21,
                     *           -0.05,
                     *           1.3
                     *         ],
                     *         [
                     *           0.02,
                     *           0.4,
                     *           -0.7
                     *         ],
                     *         [
                     *           1.1,
                     *           0,
                     *           -0.2
                     *         ]
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["StartedRound"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRound: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The round */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "COMPLETED",
                     *       "rows": [
                     *         3,
                     *         41,
                     *         97
                     *       ],
                     *       "batchSize": 3,
                     *       "thetaVersion": 7,
                     *       "loss": 0.412,
                     *       "result": {
                     *         "thetaVersion": 8,
                     *         "innerSteps": 2,
                     *         "stopped": "steps",
                     *         "surrogateBefore": 0,
                     *         "surrogateAfter": -0.0712,
                     *         "steps": [
                     *           {
                     *             "step": 13.3,
                     *             "surrogate": -0.0634,
                     *             "trials": 1,
                     *             "gradNorm": 0.0421
                     *           },
                     *           {
                     *             "step": 26.6,
                     *             "surrogate": -0.0712,
                     *             "trials": 7,
                     *             "gradNorm": 0.0133
                     *           }
                     *         ]
                     *       },
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Round"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeRound: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key and body returns the first response (with `Idempotent-Replayed: true`); the same key with another body is a 409. Keys are kept 24 hours per project. */
                "idempotency-key"?: string;
            };
            path: {
                studyId: string;
                roundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "gradient": [
                 *         [
                 *           0.08,
                 *           -0.1,
                 *           0.02
                 *         ],
                 *         [
                 *           -0.12,
                 *           0.05,
                 *           0.07
                 *         ],
                 *         [
                 *           0.03,
                 *           0.01,
                 *           -0.04
                 *         ]
                 *       ],
                 *       "loss": 0.412
                 *     }
                 */
                "application/json": components["schemas"]["CompleteRoundRequest"];
            };
        };
        responses: {
            /** @description The round, completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b",
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "number": 7,
                     *       "state": "COMPLETED",
                     *       "rows": [
                     *         3,
                     *         41,
                     *         97
                     *       ],
                     *       "batchSize": 3,
                     *       "thetaVersion": 7,
                     *       "loss": 0.412,
                     *       "result": {
                     *         "thetaVersion": 8,
                     *         "innerSteps": 2,
                     *         "stopped": "steps",
                     *         "surrogateBefore": 0,
                     *         "surrogateAfter": -0.0712,
                     *         "steps": [
                     *           {
                     *             "step": 13.3,
                     *             "surrogate": -0.0634,
                     *             "trials": 1,
                     *             "gradNorm": 0.0421
                     *           },
                     *           {
                     *             "step": 26.6,
                     *             "surrogate": -0.0712,
                     *             "trials": 7,
                     *             "gradNorm": 0.0133
                     *           }
                     *         ]
                     *       },
                     *       "createdAt": "2026-11-27T12:00:00.000Z",
                     *       "completedAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Round"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unsupported-media-type",
                     *       "title": "Unsupported media type",
                     *       "status": 415,
                     *       "detail": "Unsupported Media Type"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body breaks a rule; `errors` names each field and rule */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:validation",
                     *       "title": "The request is not valid",
                     *       "status": 422,
                     *       "detail": "space.parameters[0].max: max (-5) must be greater than min (10)",
                     *       "errors": [
                     *         {
                     *           "field": "space.parameters[0].max",
                     *           "rule": "min_below_max",
                     *           "message": "max (-5) must be greater than min (10)"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudyModel: {
        parameters: {
            query?: {
                /** @description json (θ) or onnx (the forward pass) */
                format?: "json" | "onnx";
                /** @description The ONNX model's element type */
                dtype?: "float32" | "float64";
            };
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description θ, or the ONNX model */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "thetaVersion": 8,
                     *       "model": {
                     *         "family": "linear",
                     *         "inputs": 2,
                     *         "outputs": 2
                     *       },
                     *       "params": 6,
                     *       "inputs": 2,
                     *       "outputs": 2,
                     *       "layers": [
                     *         {
                     *           "inputs": 2,
                     *           "outputs": 2,
                     *           "weight": 0,
                     *           "bias": 4
                     *         }
                     *       ],
                     *       "activation": null,
                     *       "theta": [
                     *         0.31,
                     *         -0.12,
                     *         0.05,
                     *         0.44,
                     *         0.01,
                     *         -0.01
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["StudyModel"];
                    /** @example (the bytes of an .onnx model: format=onnx) */
                    "application/octet-stream": string;
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the resource's state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:conflict",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "detail": "trial 12 is already COMPLETED with values {\"value\":0.41}; a finished trial cannot be reported differently"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudySummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "metric": "value",
                     *       "goal": "minimize",
                     *       "best": {
                     *         "value": 0.41,
                     *         "trialNumber": 12
                     *       },
                     *       "lastActivityAt": "2026-11-27T13:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["StudySummary"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getParameterImportance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The importances */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "metric": "value",
                     *       "method": "gp-permutation",
                     *       "completed": 40,
                     *       "trials": 40,
                     *       "r2": 0.97,
                     *       "parameters": [
                     *         {
                     *           "name": "x1",
                     *           "importance": 1.62,
                     *           "sd": 0.21
                     *         },
                     *         {
                     *           "name": "lr",
                     *           "importance": 0.08,
                     *           "sd": 0.01
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ParameterImportance"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLabelerAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                studyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agreement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "studyId": "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
                     *       "labelers": 3,
                     *       "comparisons": 12,
                     *       "compared": 216,
                     *       "agreement": 0.81
                     *     }
                     */
                    "application/json": components["schemas"]["LabelerAgreement"];
                };
            };
            /** @description Malformed request (bad JSON, bad query parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:bad-request",
                     *       "title": "Bad request",
                     *       "status": 400,
                     *       "detail": "the body is not valid JSON",
                     *       "errors": [
                     *         {
                     *           "field": "(body)",
                     *           "rule": "json",
                     *           "message": "the body is not valid JSON"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unauthorized",
                     *       "title": "Missing or invalid API key",
                     *       "status": 401,
                     *       "detail": "the API key is unknown or revoked"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:forbidden",
                     *       "title": "Not allowed with this key",
                     *       "status": 403,
                     *       "detail": "this operation needs an admin key"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the key's project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:not-found",
                     *       "title": "Not found",
                     *       "status": 404,
                     *       "detail": "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:payload-too-large",
                     *       "title": "Request body too large",
                     *       "status": 413,
                     *       "detail": "the request body exceeds 4194304 bytes"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Whole seconds until the key's bucket has a request again */
                    "Retry-After"?: number;
                    /** @description The key's burst: requests its bucket holds */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left now (0) */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the next request is allowed */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:too-many-requests",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "detail": "this key may make 50 requests a second (bursts of 100); retry after 1 s"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "openapi": "3.1.0",
                     *       "info": {
                     *         "title": "minima",
                     *         "version": "0.1.0"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html>... */
                    "text/html": string;
                };
            };
            /** @description An internal error (a defect): the body names the request id to report */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:internal",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This process cannot serve it now (its database connection was lost, or a runtime it needs is absent or failed); retry later, with the same Idempotency-Key where the request has one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "urn:minima:problem:unavailable",
                     *       "title": "Service unavailable",
                     *       "status": 503,
                     *       "detail": "no execution provider loaded the model (cuda: Failed to load shared library)"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
