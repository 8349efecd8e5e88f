// The own-table contender: runs with a trial budget, batches opened on demand and claimed under a
// lease with FOR UPDATE SKIP LOCKED. The same SQL text runs on postgres.js (server) and on PGlite.
//
// Two columns are added to the `runs` row of the brief: `next_seq` numbers the batches, and
// `opened_size` records the size of the batch just opened (in an UPDATE every SET expression reads
// the old row, but PostgreSQL 15's RETURNING sees only the new one, so the size is kept there).
// Opening a batch and completing one are each a single statement (a data-modifying CTE): one
// round trip, and one transaction, like the BEGIN; UPDATE; INSERT; COMMIT of the brief.

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  budget int NOT NULL,
  completed int NOT NULL DEFAULT 0,
  in_flight int NOT NULL DEFAULT 0,
  batch_size int NOT NULL,
  next_seq int NOT NULL DEFAULT 0,
  opened_size int NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS runs_open ON runs (created_at) WHERE completed + in_flight < budget;
CREATE TABLE IF NOT EXISTS run_batches (
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq int NOT NULL,
  worker_id text NOT NULL,
  lease_expires_at timestamptz NOT NULL,
  size int NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX IF NOT EXISTS run_batches_lease ON run_batches (lease_expires_at);
`;

// (a) take over a batch whose lease has lapsed. $1 worker, $2 lease seconds.
export const TAKE_OVER = `
UPDATE run_batches SET worker_id = $1, lease_expires_at = now() + make_interval(secs => $2::float8)
WHERE (run_id, seq) = (
  SELECT run_id, seq FROM run_batches WHERE lease_expires_at < now()
  ORDER BY lease_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING run_id, seq, size`;

// (b) open a new batch of the oldest run that still has budget. $1 worker, $2 lease seconds.
export const OPEN = `
WITH r AS (
  UPDATE runs SET
    in_flight = in_flight + LEAST(batch_size, budget - completed - in_flight),
    opened_size = LEAST(batch_size, budget - completed - in_flight),
    next_seq = next_seq + 1
  WHERE id = (SELECT id FROM runs WHERE completed + in_flight < budget ORDER BY created_at LIMIT 1)
    AND completed + in_flight < budget
  RETURNING id, next_seq - 1 AS seq, opened_size AS size)
INSERT INTO run_batches (run_id, seq, worker_id, lease_expires_at, size)
SELECT id, seq, $1, now() + make_interval(secs => $2::float8), size FROM r
RETURNING run_id, seq, size`;

// Completion: drop the batch (only if this worker still holds it) and count its trials done.
export const COMPLETE = `
WITH b AS (
  DELETE FROM run_batches WHERE run_id = $1 AND seq = $2 AND worker_id = $3 RETURNING run_id, size)
UPDATE runs SET completed = completed + b.size, in_flight = in_flight - b.size
FROM b WHERE runs.id = b.run_id
RETURNING runs.id`;

// Renewal (heartbeat): extend the lease; no row means the lease was lost to another worker.
export const RENEW = `
UPDATE run_batches SET lease_expires_at = now() + make_interval(secs => $4::float8)
WHERE run_id = $1 AND seq = $2 AND worker_id = $3
RETURNING seq`;

export const NEW_RUN =
  `INSERT INTO runs (id, budget, batch_size) VALUES (gen_random_uuid(), $1, $2) RETURNING id`;

/** A query function over postgres.js: prepared statements, as minima sends them. */
export function viaPostgresJs(sql) {
  return {
    query: (text, params) => sql.unsafe(text, params, { prepare: true }),
    exec: (text) => sql.unsafe(text),
  };
}

/** A query function over an in-process PGlite. */
export function viaPglite(pg) {
  return {
    query: async (text, params) => (await pg.query(text, params)).rows,
    exec: (text) => pg.exec(text),
  };
}

/** One worker of the own table. `db` is viaPostgresJs(...) or viaPglite(...). */
export function ownWorker(db, workerId, leaseSeconds = 30) {
  return {
    async claim() {
      const [lapsed] = await db.query(TAKE_OVER, [workerId, leaseSeconds]);
      if (lapsed) return lapsed;
      const [opened] = await db.query(OPEN, [workerId, leaseSeconds]);
      return opened ?? null;
    },
    async complete(b) {
      const rows = await db.query(COMPLETE, [b.run_id, b.seq, workerId]);
      if (rows.length !== 1) throw new Error(`lost batch ${b.run_id}/${b.seq}`);
    },
    async renew(b) {
      const rows = await db.query(RENEW, [
        b.run_id,
        b.seq,
        workerId,
        leaseSeconds,
      ]);
      if (rows.length !== 1) throw new Error(`lost lease ${b.run_id}/${b.seq}`);
    },
  };
}
