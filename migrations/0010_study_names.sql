-- Study names become unique in their project. Studies that already share a name keep the oldest
-- one's name; each later one is renamed "<name> (2)", "<name> (3)", … in the order of creation
-- (an id suffix in the rare case that name is taken too).
WITH ranked AS (
  SELECT id, name, row_number() OVER (PARTITION BY project_id, name ORDER BY created_at, id) AS n
  FROM studies
)
UPDATE studies s
SET name = CASE
  WHEN EXISTS (
    SELECT 1 FROM studies o
    WHERE o.project_id = s.project_id AND o.name = ranked.name || ' (' || ranked.n || ')'
  ) THEN ranked.name || ' (' || s.id || ')'
  ELSE ranked.name || ' (' || ranked.n || ')'
END
FROM ranked
WHERE s.id = ranked.id AND ranked.n > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "studies_project_name_key" ON "studies" USING btree ("project_id","name");
