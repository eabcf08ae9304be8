import { describe, expect, it } from 'vitest';
import {
	addMonths,
	billingLine,
	centsToDecimal,
	isMonth,
	monthOf,
	monthRange,
	parseEuroCents,
	recentMonths,
	startOfDay,
	sumLines
} from './billing';

describe('billing months', () => {
	it('knows a month', () => {
		expect(isMonth('2026-11')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-1')).toBe(false);
		expect(isMonth(202611)).toBe(false);
	});

	it('a day starts at local midnight in Riga, winter (UTC+2) and summer (UTC+3)', () => {
		expect(startOfDay('2026-01-15')).toBe(Date.UTC(2026, 0, 14, 22, 0));
		expect(startOfDay('2026-07-15')).toBe(Date.UTC(2026, 6, 14, 21, 0));
		// The days daylight saving starts and ends still begin at midnight.
		expect(startOfDay('2026-03-29')).toBe(Date.UTC(2026, 2, 28, 22, 0));
		expect(startOfDay('2026-10-25')).toBe(Date.UTC(2026, 9, 24, 21, 0));
		expect(startOfDay('2026-01-15', 'UTC')).toBe(Date.UTC(2026, 0, 15));
		expect(() => startOfDay('2026-02-30')).toThrow(RangeError);
	});

	it('a month is [local midnight of the 1st, local midnight of the next 1st)', () => {
		const r = monthRange('2026-03');
		expect(r.from).toBe(Date.UTC(2026, 1, 28, 22, 0));
		// March has the switch to summer time: one hour shorter.
		expect(r.to).toBe(Date.UTC(2026, 2, 31, 21, 0));
		const dec = monthRange('2026-12');
		expect(dec.to).toBe(Date.UTC(2026, 11, 31, 22, 0));
	});

	it('an instant belongs to the month of its Riga date', () => {
		// 31 Oct 23:30 UTC is already 1 November in Riga.
		expect(monthOf(Date.UTC(2026, 9, 31, 23, 30))).toBe('2026-11');
		expect(monthOf(Date.UTC(2026, 9, 31, 21, 59))).toBe('2026-10');
	});

	it('adds months across years', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-05', -17)).toBe('2024-12');
		expect(recentMonths('2026-02', 3)).toEqual(['2026-02', '2026-01', '2025-12']);
	});
});

describe('billing money', () => {
	it('reads euro amounts into cents, never floats', () => {
		expect(parseEuroCents('2.50')).toBe(250);
		expect(parseEuroCents('2,5')).toBe(250);
		expect(parseEuroCents('3')).toBe(300);
		expect(parseEuroCents(' 0.07 ')).toBe(7);
		expect(parseEuroCents('0.1')).toBe(10);
		expect(parseEuroCents('-1')).toBeNull();
		expect(parseEuroCents('2.505')).toBeNull();
		expect(parseEuroCents('abc')).toBeNull();
	});

	it('writes cents the way a Latvian spreadsheet reads a number', () => {
		expect(centsToDecimal(250)).toBe('2,50');
		expect(centsToDecimal(123456)).toBe('1234,56');
		expect(centsToDecimal(7, '.')).toBe('0.07');
		expect(centsToDecimal(0)).toBe('0,00');
	});

	it('bills visits, not windows; a visit once however many signatures', () => {
		const a = billingLine({ windows: 5, visits: 3 }, 250);
		expect(a).toEqual({ windows: 5, visits: 3, feeCents: 250, amountCents: 750 });
		const b = billingLine({ windows: 1, visits: 1 }, 250);
		expect(sumLines([a, b], 250)).toEqual({ windows: 6, visits: 4, feeCents: 250, amountCents: 1000 });
		// 0.1 + 0.2 style errors cannot happen in cents.
		expect(billingLine({ windows: 3, visits: 3 }, 10).amountCents).toBe(30);
	});
});
