import { describe, expect, it } from 'vitest';
import { rigaDateOf } from './dates';
import { CALL_PRIORITY, callPriority, decideAttempt, nextRigaDayStart } from './qc-calls';

const base = { attempts: 0, lastAttemptDay: null, today: '2026-12-07', maxAttempts: 3, callable: true } as const;

describe('QC call attempts', () => {
	it('an answer ends the call at once', () => {
		expect(decideAttempt({ ...base, result: 'confirmed' })).toEqual({ ok: true, final: 'confirmed', attempts: 1 });
		expect(decideAttempt({ ...base, result: 'denied', attempts: 2, lastAttemptDay: '2026-12-06' })).toEqual({ ok: true, final: 'denied', attempts: 3 });
		expect(decideAttempt({ ...base, result: 'wrong_number' })).toEqual({ ok: true, final: 'wrong_number', attempts: 1 });
	});

	it('nobody answering three times, on three different days, makes the call unreachable', () => {
		expect(decideAttempt({ ...base, result: 'no_answer' })).toEqual({ ok: true, final: null, attempts: 1 });
		expect(decideAttempt({ ...base, result: 'no_answer', attempts: 1, lastAttemptDay: '2026-12-07' })).toEqual({ ok: false, problem: 'same_day' });
		expect(decideAttempt({ ...base, result: 'no_answer', attempts: 1, lastAttemptDay: '2026-12-06' })).toEqual({ ok: true, final: null, attempts: 2 });
		expect(decideAttempt({ ...base, result: 'no_answer', attempts: 2, lastAttemptDay: '2026-12-06' })).toEqual({ ok: true, final: 'unreachable', attempts: 3 });
		expect(decideAttempt({ ...base, result: 'confirmed', attempts: 3 })).toEqual({ ok: false, problem: 'no_attempts_left' });
	});

	it('without a phone number only a decision can be recorded', () => {
		expect(decideAttempt({ ...base, callable: false, result: 'no_answer' })).toEqual({ ok: false, problem: 'needs_phone' });
		expect(decideAttempt({ ...base, callable: false, result: 'wrong_number' })).toEqual({ ok: false, problem: 'needs_phone' });
		expect(decideAttempt({ ...base, callable: false, result: 'denied' }).ok).toBe(true);
	});

	it('the next Rīga day starts at local midnight, also across daylight-saving changes', () => {
		// 7 Dec 2026 15:00 in Rīga (UTC+2) → 8 Dec 00:00 local = 7 Dec 22:00 UTC.
		expect(nextRigaDayStart(Date.UTC(2026, 11, 7, 13, 0, 30))).toBe(Date.UTC(2026, 11, 7, 22));
		// 23:59:59 local is still the same day.
		expect(nextRigaDayStart(Date.UTC(2026, 11, 7, 21, 59, 59))).toBe(Date.UTC(2026, 11, 7, 22));
		// 28 Mar 2026 → 29 Mar (summer time starts at 03:00 that night).
		expect(nextRigaDayStart(Date.UTC(2026, 2, 28, 10))).toBe(Date.UTC(2026, 2, 28, 22));
		// 25 Oct 2026 (25-hour day) → 26 Oct 00:00 UTC+2 = 25 Oct 22:00 UTC.
		const t = nextRigaDayStart(Date.UTC(2026, 9, 25, 9));
		expect(t).toBe(Date.UTC(2026, 9, 25, 22));
		expect(rigaDateOf(t)).toBe('2026-10-26');
		expect(rigaDateOf(t - 1)).toBe('2026-10-25');
	});
});

describe('QC call priority', () => {
	it('citizen reports first, then flagged visits and full reviews, then the plain sample', () => {
		expect(callPriority({ reported: true, flagged: false, fullReview: false })).toBe(0);
		expect(callPriority({ reported: true, flagged: true, fullReview: true })).toBe(0);
		expect(callPriority({ flagged: true, fullReview: false })).toBe(1);
		expect(callPriority({ flagged: false, fullReview: true })).toBe(1);
		expect(callPriority({ flagged: false, fullReview: false })).toBe(2);
		expect(CALL_PRIORITY).toEqual({ report: 0, flagged: 1, sample: 2 });
	});

	it('does not depend on the rate that selected the visit: a flagged visit below the base rate is still flagged', () => {
		// The worked case of issue 17: score below 10 %, so selected "by rate", but flagged outside hours.
		const selectedByRate = { flagged: true, fullReview: false };
		expect(callPriority(selectedByRate)).toBeLessThan(callPriority({ flagged: false, fullReview: false }));
	});
});
