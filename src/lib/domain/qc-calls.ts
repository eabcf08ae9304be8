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

/**
 * Where a call stands in the queue (lower first): a citizen's report, then a visit with an
 * anomaly flag or under full review, then the plain sample. It follows from what is known about
 * the visit, never from the rate that happened to select it: a flagged visit whose score is
 * also below the base rate is still a flagged visit. When more becomes known (a flag, a full
 * review, a report), an open call only ever moves up.
 */
export const CALL_PRIORITY = { report: 0, flagged: 1, sample: 2 } as const;
export type CallPriority = (typeof CALL_PRIORITY)[keyof typeof CALL_PRIORITY];

export function callPriority(v: { reported?: boolean; flagged: boolean; fullReview: boolean }): CallPriority {
	if (v.reported) return CALL_PRIORITY.report;
	if (v.flagged || v.fullReview) return CALL_PRIORITY.flagged;
	return CALL_PRIORITY.sample;
}

export { rigaDateOf };
