/**
 * A page of a listing: what every paginated use case returns.
 */

/** A page of a listing. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}
