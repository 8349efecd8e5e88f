/**
 * The select lists of the hand-written queries, derived from the drizzle
 * schema (schema.ts) in this one place instead of restated by hand: each
 * column under its SQL name, aliased to its field name where they differ
 * (`study_id AS "studyId"`), so raw rows come back keyed like drizzle's.
 * Adding a column to a table adds it here; the row mappers
 * (services/trial_rows.ts, services/comparison_rows.ts) read the fields.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { comparisons, trials } from "../schema.ts";

/** Column names PostgreSQL reserves: quoted wherever they are selected. */
const RESERVED = new Set(["values", "order", "group", "user", "limit", "offset", "default"]);

function identifier(name: string): string {
  return RESERVED.has(name) || !/^[a-z_][a-z0-9_]*$/.test(name) ? `"${name}"` : name;
}

/**
 * `alias.column AS "field"` for each column (in the schema's order) but the
 * omitted ones; the `nulled` fields are selected as `NULL AS "field"`.
 */
function selectList(
  columns: Record<string, { name: string }>,
  alias: string,
  options: { omit?: readonly string[]; nulled?: readonly string[] } = {},
): string {
  const a = alias ? `${alias}.` : "";
  return Object.entries(columns)
    .filter(([field]) => !options.omit?.includes(field))
    .map(([field, { name }]) => {
      if (options.nulled?.includes(field)) return `NULL AS "${field}"`;
      return name === field ? `${a}${identifier(name)}` : `${a}${identifier(name)} AS "${field}"`;
    })
    .join(", ");
}

/** Trial columns no TrialRecord reads (bookkeeping of the retry of a STALE point). */
const TRIAL_OMITTED = ["retriedBy"] as const satisfies readonly (keyof typeof trials._.columns)[];

/** The columns trial queries select, named as TrialRecord's fields; `alias.` before each. */
export function trialColumns(alias = ""): SQL {
  return sql.raw(selectList(getTableColumns(trials), alias, { omit: TRIAL_OMITTED }));
}

/** The columns every trial query selects, named as TrialRecord's fields. */
export const TRIAL_COLUMNS = trialColumns();

/**
 * A trial's columns as TRIAL_COLUMNS names them, with only what `feedbackOf`
 * reads; the client and the timestamps are null (thousands of reports a
 * second need not be read back with four timestamps each).
 */
export const FEEDBACK_COLUMNS = sql.raw(selectList(getTableColumns(trials), "", {
  omit: TRIAL_OMITTED,
  nulled: [
    "clientId",
    "createdAt",
    "startedAt",
    "completedAt",
    "leaseExpiresAt",
  ] as const satisfies readonly (keyof typeof trials._.columns)[],
}));

/**
 * The columns comparison queries select (from `comparisons c`), with the
 * counts of answers and whether `labelerId` has answered.
 */
export function comparisonColumns(labelerId: string): SQL {
  return sql`${sql.raw(selectList(getTableColumns(comparisons), "c"))},
    (SELECT count(*) FROM rankings r WHERE r.comparison_id = c.id AND NOT r.skipped)::int AS ranked,
    (SELECT count(*) FROM rankings r WHERE r.comparison_id = c.id AND r.skipped)::int AS skips,
    EXISTS (SELECT 1 FROM rankings r WHERE r.comparison_id = c.id
            AND r.labeler_id = ${labelerId}::uuid) AS "answeredByMe"`;
}
