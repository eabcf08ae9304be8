import { describe, it, expect } from 'vitest';
import {
	TIME_ZONE,
	addDays,
	daysBetween,
	daysInMonth,
	isIsoDate,
	isLeapYear,
	isoDateOf,
	localParts,
	parseIsoDate,
	rigaDateOf,
	weekdayOf
} from './dates';

describe('isIsoDate', () => {
	it('accepts real calendar dates', () => {
		expect(isIsoDate('2026-01-31')).toBe(true);
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('1875-12-31')).toBe(true);
	});

	it('rejects days that do not exist', () => {
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('1900-02-29')).toBe(false);
		expect(isIsoDate('2026-04-31')).toBe(false);
		expect(isIsoDate('2026-13-01')).toBe(false);
		expect(isIsoDate('2026-00-10')).toBe(false);
		expect(isIsoDate('2026-01-00')).toBe(false);
	});

	it('rejects other shapes and types', () => {
		expect(isIsoDate('2026-1-05')).toBe(false);
		expect(isIsoDate('05.01.2026')).toBe(false);
		expect(isIsoDate('2026-01-05T00:00')).toBe(false);
		expect(isIsoDate(' 2026-01-05')).toBe(false);
		expect(isIsoDate('')).toBe(false);
		expect(isIsoDate(20260105)).toBe(false);
		expect(isIsoDate(null)).toBe(false);
	});
});

describe('isLeapYear and daysInMonth', () => {
	it('follows the Gregorian rules', () => {
		expect(isLeapYear(2024)).toBe(true);
		expect(isLeapYear(2026)).toBe(false);
		expect(isLeapYear(1900)).toBe(false);
		expect(isLeapYear(2000)).toBe(true);
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(2025, 2)).toBe(28);
		expect(daysInMonth(2025, 4)).toBe(30);
		expect(daysInMonth(2025, 12)).toBe(31);
	});
});

describe('isoDateOf and parseIsoDate', () => {
	it('builds padded dates and refuses impossible ones', () => {
		expect(isoDateOf(2026, 3, 9)).toBe('2026-03-09');
		expect(isoDateOf(1875, 11, 16)).toBe('1875-11-16');
		expect(isoDateOf(2025, 2, 29)).toBeNull();
		expect(isoDateOf(2025, 13, 1)).toBeNull();
	});

	it('parses to numbers and throws on nonsense', () => {
		expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
		expect(() => parseIsoDate('2023-02-29')).toThrow(RangeError);
	});
});

describe('addDays', () => {
	it('crosses month, year and leap-day boundaries', () => {
		expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
	});

	it('is not disturbed by daylight saving time', () => {
		expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
		expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
	});

	it('works for the 19th century (old personal codes) and the years 0-99', () => {
		expect(addDays('1899-12-31', 1)).toBe('1900-01-01');
		expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
	});

	it('refuses bad input', () => {
		expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
		expect(() => addDays('2026-02-03', 1.5)).toThrow(RangeError);
	});
});

describe('daysBetween', () => {
	it('counts calendar days, signed', () => {
		expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
		expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
		expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
	});
});

describe('weekdayOf', () => {
	it('numbers Monday as 0 and Sunday as 6', () => {
		expect(weekdayOf('2026-03-30')).toBe(0); // Monday
		expect(weekdayOf('2026-03-27')).toBe(4); // Friday
		expect(weekdayOf('2026-03-29')).toBe(6); // Sunday
		expect(weekdayOf('2024-02-29')).toBe(3); // Thursday
		expect(weekdayOf('1970-01-01')).toBe(3); // Thursday
		expect(weekdayOf('1969-12-29')).toBe(0); // Monday, before the epoch
	});
});

describe('localParts', () => {
	it('defaults to Europe/Riga', () => {
		expect(TIME_ZONE).toBe('Europe/Riga');
		// Winter, UTC+2.
		expect(localParts(Date.parse('2026-01-15T06:30:00Z'))).toEqual({
			date: '2026-01-15',
			weekday: 3,
			minutes: 8 * 60 + 30
		});
		// Summer, UTC+3.
		expect(localParts(Date.parse('2026-07-15T06:30:00Z'))).toEqual({
			date: '2026-07-15',
			weekday: 2,
			minutes: 9 * 60 + 30
		});
	});

	it('jumps from 02:59 to 04:00 on 29 March 2026', () => {
		expect(localParts(Date.parse('2026-03-29T00:59:00Z')).minutes).toBe(2 * 60 + 59);
		expect(localParts(Date.parse('2026-03-29T01:00:00Z')).minutes).toBe(4 * 60);
	});

	it('falls back from 03:59 to 03:00 on 25 October 2026', () => {
		expect(localParts(Date.parse('2026-10-25T00:59:00Z')).minutes).toBe(3 * 60 + 59);
		expect(localParts(Date.parse('2026-10-25T01:00:00Z')).minutes).toBe(3 * 60);
	});

	it('reports midnight as minute 0 of the next day', () => {
		expect(localParts(Date.parse('2026-01-15T22:00:00Z'))).toEqual({
			date: '2026-01-16',
			weekday: 4,
			minutes: 0
		});
	});

	it('honours another time zone', () => {
		expect(localParts(Date.parse('2026-01-15T06:30:00Z'), 'UTC')).toEqual({
			date: '2026-01-15',
			weekday: 3,
			minutes: 6 * 60 + 30
		});
		expect(localParts(Date.parse('2026-01-15T06:30:00Z'), 'America/New_York').date).toBe('2026-01-15');
		expect(localParts(Date.parse('2026-01-15T03:30:00Z'), 'America/New_York').date).toBe('2026-01-14');
	});

	it('refuses a non-finite instant', () => {
		expect(() => localParts(Number.NaN)).toThrow(RangeError);
	});
});

describe('rigaDateOf', () => {
	it('maps instants around UTC midnight to the Riga date', () => {
		// 23:30 UTC on 31 Dec is already 01:30 on 1 Jan in Riga.
		expect(rigaDateOf(Date.parse('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
		expect(rigaDateOf(Date.parse('2025-12-31T21:59:59Z'))).toBe('2025-12-31');
		expect(rigaDateOf(Date.parse('2025-12-31T22:00:00Z'))).toBe('2026-01-01');
		// Summer: midnight in Riga is 21:00 UTC.
		expect(rigaDateOf(Date.parse('2026-06-23T20:59:59Z'))).toBe('2026-06-23');
		expect(rigaDateOf(Date.parse('2026-06-23T21:00:00Z'))).toBe('2026-06-24');
	});
});

describe('rigaDateOfCached', () => {
	it('gives rigaDateOf for every instant, across midnight and the DST changes', async () => {
		const { rigaDateOfCached } = await import('./dates');
		const starts = [Date.UTC(2026, 10, 27, 21, 59, 59, 999), Date.UTC(2026, 2, 29, 0, 0), Date.UTC(2026, 9, 24, 20, 30), Date.UTC(1920, 0, 1)];
		for (const start of starts) {
			for (let t = start; t < start + 3 * 3_600_000; t += 7 * 60_000 + 1) expect(rigaDateOfCached(t)).toBe(rigaDateOf(t));
		}
	});
});
