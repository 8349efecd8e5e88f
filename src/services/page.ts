/**
 * A page of a listing: what every paginated use case returns, and the
 * keyset cursor of listings ordered by (created_at, id) (studies, models,
 * runs, schedules), written once.
 */
import { badRequest } from "../errors.ts";
import { decodeCursor, encodeCursor, isUuid } from "./ids.ts";

/** A page of a listing. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The (createdAt, id) a listing's cursor names (undefined: the first page);
 * a 400 naming `cursor` when it is not one such a listing returned.
 */
export function createdCursor(cursor: string | undefined): [Date, string] | undefined {
  if (cursor === undefined) return undefined;
  const c = decodeCursor(cursor);
  if (
    !Array.isArray(c) || c.length !== 2 || typeof c[0] !== "string" ||
    typeof c[1] !== "string" || !isUuid(c[1]) ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(c[0]) || Number.isNaN(Date.parse(c[0]))
  ) {
    throw badRequest("cursor", "cursor", "not a cursor this listing returned");
  }
  return [new Date(c[0]), c[1]];
}

/**
 * A page of rows read with `limit + 1` (the extra row says whether more
 * follow), its cursor at the last shown row's (createdAt, id).
 */
export function createdPage<R extends { createdAt: Date; id: string }, V>(
  rows: R[],
  limit: number,
  view: (row: R) => V,
): Page<V> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(view),
    nextCursor: rows.length > limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
