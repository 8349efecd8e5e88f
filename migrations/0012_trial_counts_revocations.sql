CREATE TABLE "trial_state_changes" (
	"state" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trial_state_counts" (
	"state" text PRIMARY KEY NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
-- Trials by state for /metrics, kept in the transactions that change them:
-- each statement on trials appends what it changed per state (statement-level
-- triggers over the transition tables: one insert however many rows).
CREATE FUNCTION minima_trial_state_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO trial_state_changes (state, n)
      SELECT state, count(*)::int FROM new_rows GROUP BY state;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO trial_state_changes (state, n)
      SELECT state, -count(*)::int FROM old_rows GROUP BY state;
  ELSE
    INSERT INTO trial_state_changes (state, n)
      SELECT state, sum(d)::int FROM (
        SELECT state, 1 AS d FROM new_rows UNION ALL SELECT state, -1 FROM old_rows
      ) AS c GROUP BY state HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trials_state_inserted AFTER INSERT ON trials
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION minima_trial_state_changes();
--> statement-breakpoint
CREATE TRIGGER trials_state_updated AFTER UPDATE ON trials
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION minima_trial_state_changes();
--> statement-breakpoint
CREATE TRIGGER trials_state_deleted AFTER DELETE ON trials
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION minima_trial_state_changes();
--> statement-breakpoint
-- The triggers lock trials against writers until this migration commits: the
-- count below misses no change and counts none twice.
INSERT INTO trial_state_counts (state, n) SELECT state, count(*) FROM trials GROUP BY state;
--> statement-breakpoint
-- Revoking (or deleting) a key tells every process at commit, so each drops
-- the key from its cache of resolved keys (src/services/principals.ts).
CREATE FUNCTION minima_key_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('minima_key_revoked', OLD.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_keys_revoked AFTER UPDATE OF revoked_at OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION minima_key_revoked();
