// Rule 20: page with `limit` ≤ 500 (the API answers `url/query-limit-exceeded` above that).
export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 20;

/** A valid `limit` for a list call: a whole number from 1 to 500. */
export function pageLimit(requested: number | undefined = DEFAULT_PAGE_LIMIT): number {
  if (typeof requested !== 'number' || !Number.isFinite(requested)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(requested)));
}

/** The `start` of the next page, or undefined when `totalItems` have all been read. */
export function nextPageStart(start: number, limit: number, totalItems: number): number | undefined {
  const next = Math.max(0, Math.floor(start)) + pageLimit(limit);
  return Number.isFinite(totalItems) && next < totalItems ? next : undefined;
}
