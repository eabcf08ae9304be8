/**
 * The rules of a verification call (DESIGN §6): what an auditor may record, and when a call
 * that nobody answers becomes `unreachable` (after up to three attempts, each on a different
 * day in Latvia).
 */
import { localParts, rigaDateOf, TIME_ZONE } from './dates';

/** Final outcomes of a call. */
export const QC_OUTCOMES = ['confirmed', 'denied', 'unreachable', 'wrong_number'] as const;
export type QcOutcome = (typeof QC_OUTCOMES)[number];

/** What an auditor records after one attempt: an outcome, or "nobody answered". */
export const QC_RESULTS = ['confirmed', 'denied', 'no_answer', 'wrong_number'] as const;
export type QcResult = (typeof QC_RESULTS)[number];

/** Results that need a phone number: without one nobody can fail to answer or be the wrong person. */
export const NEEDS_PHONE: readonly QcResult[] = ['no_answer', 'wrong_number'];

export type AttemptDecision =
	| { ok: true; final: QcOutcome | null; attempts: number }
	| { ok: false; problem: 'same_day' | 'needs_phone' | 'no_attempts_left' };

/**
 * Decides what recording `result` does to a call that had `attempts` attempts, the last one on
 * `lastAttemptDay` (Riga date), with `today` the Riga date now.
 */
export function decideAttempt(o: {
	result: QcResult;
	attempts: number;
	lastAttemptDay: string | null;
	today: string;
	maxAttempts: number;
	callable: boolean;
}): AttemptDecision {
	if (!o.callable && NEEDS_PHONE.includes(o.result)) return { ok: false, problem: 'needs_phone' };
	if (o.attempts >= o.maxAttempts) return { ok: false, problem: 'no_attempts_left' };
	const attempts = o.attempts + 1;
	if (o.result !== 'no_answer') return { ok: true, final: o.result, attempts };
	if (o.lastAttemptDay === o.today) return { ok: false, problem: 'same_day' };
	return { ok: true, final: attempts >= o.maxAttempts ? 'unreachable' : null, attempts };
}

/** The first instant of the next calendar day in Latvia (DST included). */
export function nextRigaDayStart(epochMs: number, timeZone: string = TIME_ZONE): number {
	const { minutes } = localParts(epochMs, timeZone);
	const today = localParts(epochMs, timeZone).date;
	// Midnight by the wall clock, give or take the hour a DST change adds or removes.
	let t = epochMs - (epochMs % 60_000) + (1440 - minutes) * 60_000;
	while (localParts(t, timeZone).date === today) t += 3_600_000;
	while (localParts(t - 3_600_000, timeZone).date !== today) t -= 3_600_000;
	return t;
}

export { rigaDateOf };
