/**
 * The signing window: the few minutes in which the citizen, not the clerk, signs. Its end is
 * data (opened at + length, both from the device clock), never just a timer, so a crash, a
 * reload or a closed tab cannot stretch it, and a clock that is off shifts both ends alike.
 */
export const WINDOW_MINUTES = { min: 5, max: 30, default: 15 } as const;

export function isValidWindowMinutes(n: number): boolean {
	return Number.isInteger(n) && n >= WINDOW_MINUTES.min && n <= WINDOW_MINUTES.max;
}

export function windowEndsAt(openedAt: number, lengthMs: number): number {
	return openedAt + lengthMs;
}

/** Inclusive at both ends: [openedAt, openedAt + length]. */
export function isWithinWindow(at: number, openedAt: number, lengthMs: number): boolean {
	return at >= openedAt && at <= windowEndsAt(openedAt, lengthMs);
}

export function remainingMs(openedAt: number, lengthMs: number, now: number): number {
	return Math.max(0, windowEndsAt(openedAt, lengthMs) - now);
}

/** "14:05" for a countdown; always minutes and two-digit seconds. */
export function formatCountdown(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${m}:${String(s).padStart(2, '0')}`;
}
