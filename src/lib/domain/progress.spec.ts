import { describe, it, expect } from 'vitest';
import { INITIATIVE_STATUSES, daysLeft, initiativePhase, progressOf } from './progress';

const at = (iso: string) => Date.parse(iso);

describe('progressOf', () => {
	it('reports an ordinary count', () => {
		expect(progressOf(2500, 10000)).toEqual({ count: 2500, goal: 10000, ratio: 0.25, percent: 25, reached: false });
	});

	it('floors the percentage, so 9,999 of 10,000 is 99 and not reached', () => {
		expect(progressOf(9999, 10000)).toMatchObject({ percent: 99, reached: false });
		expect(progressOf(10000, 10000)).toMatchObject({ ratio: 1, percent: 100, reached: true });
		expect(progressOf(1, 3)).toMatchObject({ percent: 33 });
		expect(progressOf(29, 100)).toMatchObject({ percent: 29 });
		expect(progressOf(57, 100)).toMatchObject({ percent: 57 });
	});

	it('clamps the ratio but not the percentage beyond the goal', () => {
		expect(progressOf(12345, 10000)).toEqual({ count: 12345, goal: 10000, ratio: 1, percent: 123, reached: true });
	});

	it('starts at zero', () => {
		expect(progressOf(0, 10000)).toEqual({ count: 0, goal: 10000, ratio: 0, percent: 0, reached: false });
	});

	it('survives a goal of zero without NaN', () => {
		expect(progressOf(5, 0)).toEqual({ count: 5, goal: 0, ratio: 1, percent: 100, reached: true });
	});
});

describe('daysLeft', () => {
	// Signing ends at midnight Riga time, 1 May 2026 00:00 EEST = 30 April 21:00 UTC.
	const closesAt = at('2026-04-30T21:00:00Z');

	it('is 0 throughout the last day', () => {
		expect(daysLeft(closesAt, at('2026-04-29T21:00:00Z'))).toBe(0); // 30 April 00:00
		expect(daysLeft(closesAt, at('2026-04-30T20:59:59Z'))).toBe(0); // 30 April 23:59:59
	});

	it('counts calendar days in Riga, not 24-hour periods', () => {
		expect(daysLeft(closesAt, at('2026-04-29T20:59:00Z'))).toBe(1); // 29 April 23:59
		expect(daysLeft(closesAt, at('2026-04-28T21:00:00Z'))).toBe(1); // 29 April 00:00
		expect(daysLeft(closesAt, at('2026-04-16T06:00:00Z'))).toBe(14);
	});

	it('uses the closing instant’s own date when it is not midnight', () => {
		// Closes at 18:00 on 30 April: 30 April is still the last day.
		expect(daysLeft(at('2026-04-30T15:00:00Z'), at('2026-04-30T06:00:00Z'))).toBe(0);
		expect(daysLeft(at('2026-04-30T15:00:00Z'), at('2026-04-29T06:00:00Z'))).toBe(1);
	});

	it('counts across the change to summer time', () => {
		// From Friday 27 March 12:00 to a close at midnight ending 31 March.
		expect(daysLeft(at('2026-03-31T21:00:00Z'), at('2026-03-27T10:00:00Z'))).toBe(4);
	});

	it('is 0 once closed', () => {
		expect(daysLeft(closesAt, closesAt)).toBe(0);
		expect(daysLeft(closesAt, at('2026-06-01T10:00:00Z'))).toBe(0);
	});
});

describe('initiativePhase', () => {
	const opensAt = at('2026-03-31T21:00:00Z'); // 1 April 00:00 in Riga
	const closesAt = at('2026-06-30T21:00:00Z'); // 1 July 00:00: 30 June is the last day
	const open = { status: 'open' as const, opensAt, closesAt };

	it('is upcoming before it opens', () => {
		expect(initiativePhase(open, opensAt - 1)).toBe('upcoming');
		expect(initiativePhase({ ...open, status: 'draft' }, at('2026-05-01T10:00:00Z'))).toBe('upcoming');
	});

	it('is open from its opening instant', () => {
		expect(initiativePhase(open, opensAt)).toBe('open');
		expect(initiativePhase(open, at('2026-05-01T10:00:00Z'))).toBe('open');
	});

	it('is closing soon in its last 14 calendar days', () => {
		// 16 June: 14 days left — not yet.
		expect(initiativePhase(open, at('2026-06-16T10:00:00Z'))).toBe('open');
		// 17 June: 13 days left.
		expect(initiativePhase(open, at('2026-06-17T10:00:00Z'))).toBe('closing_soon');
		expect(initiativePhase(open, closesAt - 1)).toBe('closing_soon');
	});

	it('takes another threshold', () => {
		expect(initiativePhase(open, at('2026-06-29T10:00:00Z'), 1)).toBe('open');
		expect(initiativePhase(open, at('2026-06-30T10:00:00Z'), 1)).toBe('closing_soon');
		expect(initiativePhase(open, at('2026-06-30T10:00:00Z'), 0)).toBe('open');
	});

	it('is closed at its closing instant even if the status still says open', () => {
		expect(initiativePhase(open, closesAt)).toBe('closed');
		expect(initiativePhase({ ...open, status: 'draft' }, closesAt + 1)).toBe('closed');
	});

	it('is closed whenever the status is closed or submitted', () => {
		const midway = at('2026-05-01T10:00:00Z');
		expect(initiativePhase({ ...open, status: 'closed' }, midway)).toBe('closed');
		expect(initiativePhase({ ...open, status: 'submitted' }, midway)).toBe('closed');
		expect(initiativePhase({ ...open, status: 'closed' }, opensAt - 1)).toBe('closed');
	});

	it('knows the four statuses', () => {
		expect(INITIATIVE_STATUSES).toEqual(['draft', 'open', 'closed', 'submitted']);
	});
});
