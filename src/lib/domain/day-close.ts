/**
 * Which office day a `day.close` record may close (DESIGN §5, issue 10). The clerk and office
 * are checked like a window's (sync-apply.ts); this is the rule for the day itself:
 *
 * - a real calendar date ('YYYY-MM-DD' in Riga)              → else `day_not_a_date`
 * - not after today in Riga, with the clock tolerance         → else `day_in_future`
 * - not before the device was enrolled (no day can be closed on a PC that was not there yet),
 *   and not more than DAY_CLOSE_MAX_AGE_DAYS before today     → else `day_too_old`
 *
 * Days are compared in Riga, where the office is; the server's clock is the authority.
 */
import { addDays, isIsoDate, rigaDateOf } from './dates';

export const DAY_CLOSE_PROBLEMS = ['day_not_a_date', 'day_in_future', 'day_too_old'] as const;
export type DayCloseProblem = (typeof DAY_CLOSE_PROBLEMS)[number];

/** An office PC offline for more than a year holds no day anyone could still check. */
export const DAY_CLOSE_MAX_AGE_DAYS = 366;

export interface DayCloseContext {
	/** The server's clock. */
	now: number;
	/** When the device was enrolled (server time). */
	enrolledAt: number;
	/** How far a device clock may run ahead before it counts as wrong. */
	toleranceMs: number;
}

/** The problem with closing `day`, or null when it may be closed. */
export function dayCloseProblem(day: string, c: DayCloseContext): DayCloseProblem | null {
	if (!isIsoDate(day)) return 'day_not_a_date';
	if (day > rigaDateOf(c.now + c.toleranceMs)) return 'day_in_future';
	const earliest = rigaDateOf(c.enrolledAt - c.toleranceMs);
	const oldest = addDays(rigaDateOf(c.now), -DAY_CLOSE_MAX_AGE_DAYS);
	if (day < earliest || day < oldest) return 'day_too_old';
	return null;
}
