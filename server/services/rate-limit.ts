/**
 * Sliding-window rate limits kept in the database, so they hold across instances.
 * `times` are the counted events inside the window, oldest first.
 */
export interface Limit {
	max: number;
	windowMs: number;
}

/** Seconds until one more event is allowed, or 0 if it is allowed now. */
export function retryAfterSec(times: readonly number[], limit: Limit, now: number): number {
	if (times.length < limit.max) return 0;
	// The oldest event that still keeps the count at the limit must leave the window.
	const blocking = times[times.length - limit.max];
	return Math.max(1, Math.ceil((blocking + limit.windowMs - now) / 1000));
}
