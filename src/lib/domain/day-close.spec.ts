import { describe, expect, it } from 'vitest';
import { DAY_CLOSE_MAX_AGE_DAYS, dayCloseProblem } from './day-close';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// 28.11.2026 12:00 in Riga (UTC+2 in winter).
const NOW = Date.UTC(2026, 10, 28, 10, 0);
const ENROLLED = Date.UTC(2026, 9, 1, 8, 0); // 01.10.2026 11:00 in Riga
const c = { now: NOW, enrolledAt: ENROLLED, toleranceMs: 5 * MINUTE };

describe('dayCloseProblem', () => {
	it('accepts today and any day since the device was enrolled', () => {
		expect(dayCloseProblem('2026-11-28', c)).toBeNull();
		expect(dayCloseProblem('2026-11-27', c)).toBeNull();
		expect(dayCloseProblem('2026-10-01', c)).toBeNull();
	});

	it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2025-02-29', '26-11-28', '2026-11-28T00:00', '', 'today'])(
		'day_not_a_date: %j',
		(day) => {
			expect(dayCloseProblem(day, c)).toBe('day_not_a_date');
		}
	);

	it('accepts 29 February in a leap year', () => {
		const leap = { now: Date.UTC(2028, 2, 1, 10), enrolledAt: Date.UTC(2028, 0, 1), toleranceMs: 5 * MINUTE };
		expect(dayCloseProblem('2028-02-29', leap)).toBeNull();
	});

	it('day_in_future: tomorrow in Riga, or a day far ahead', () => {
		expect(dayCloseProblem('2026-11-29', c)).toBe('day_in_future');
		expect(dayCloseProblem('2099-01-01', c)).toBe('day_in_future');
	});

	it('a device clock a few minutes ahead may close the day that began just after midnight in Riga', () => {
		// 23:57 in Riga: the device already shows 00:01 on the 29th.
		const late = { ...c, now: Date.UTC(2026, 10, 28, 21, 57) };
		expect(dayCloseProblem('2026-11-29', late)).toBeNull();
		// Ten minutes before midnight is more than the five-minute tolerance.
		expect(dayCloseProblem('2026-11-29', { ...c, now: Date.UTC(2026, 10, 28, 21, 50) })).toBe('day_in_future');
	});

	it('day_too_old: before the device was enrolled', () => {
		expect(dayCloseProblem('2026-09-30', c)).toBe('day_too_old');
		expect(dayCloseProblem('1999-01-01', c)).toBe('day_too_old');
	});

	it(`day_too_old: more than ${DAY_CLOSE_MAX_AGE_DAYS} days before today, however long ago the device was enrolled`, () => {
		const veteran = { ...c, enrolledAt: NOW - 5 * 365 * DAY };
		expect(dayCloseProblem('2025-11-27', veteran)).toBeNull(); // 366 days before 28.11.2026
		expect(dayCloseProblem('2025-11-26', veteran)).toBe('day_too_old');
	});

	it('the day of enrolment itself counts in Riga, not in UTC', () => {
		// Enrolled at 00:30 on 01.10.2026 in Riga, which is still 30.09 in UTC.
		const justAfterMidnight = { ...c, enrolledAt: Date.UTC(2026, 8, 30, 21, 30) };
		expect(dayCloseProblem('2026-10-01', justAfterMidnight)).toBeNull();
		expect(dayCloseProblem('2026-09-30', justAfterMidnight)).toBe('day_too_old');
	});
});
