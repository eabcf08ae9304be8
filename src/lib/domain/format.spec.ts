import { describe, it, expect } from 'vitest';
import { LOCALES, collatorFor, formatDate, formatDateTime, formatNumber, formatTime, sortByText } from './format';

const at = (iso: string) => Date.parse(iso);

describe('formatDate', () => {
	it('prints an IsoDate as dd.mm.yyyy in both locales', () => {
		expect(formatDate('2026-03-05', 'lv')).toBe('05.03.2026');
		expect(formatDate('2026-03-05', 'en')).toBe('05.03.2026');
		expect(formatDate('1875-11-16', 'lv')).toBe('16.11.1875');
	});

	it('prints the Riga date of an instant, around UTC midnight', () => {
		// 22:30 UTC on 31 December is 00:30 on 1 January in Riga (UTC+2).
		expect(formatDate(at('2025-12-31T22:30:00Z'), 'lv')).toBe('01.01.2026');
		expect(formatDate(at('2025-12-31T21:59:00Z'), 'en')).toBe('31.12.2025');
		// Summer time, UTC+3: 21:00 UTC is already the next day.
		expect(formatDate(at('2026-06-23T20:59:00Z'), 'lv')).toBe('23.06.2026');
		expect(formatDate(at('2026-06-23T21:00:00Z'), 'lv')).toBe('24.06.2026');
		// Just after UTC midnight is the same date in Riga.
		expect(formatDate(at('2026-06-24T00:10:00Z'), 'lv')).toBe('24.06.2026');
	});

	it('refuses a string that is not a calendar date', () => {
		expect(() => formatDate('2026-02-30', 'lv')).toThrow(RangeError);
		expect(() => formatDate('05.03.2026', 'lv')).toThrow(RangeError);
	});
});

describe('formatDateTime', () => {
	it('prints dd.mm.yyyy HH:MM in Riga time', () => {
		expect(formatDateTime(at('2026-01-15T06:05:00Z'), 'lv')).toBe('15.01.2026 08:05');
		expect(formatDateTime(at('2026-07-15T06:05:00Z'), 'en')).toBe('15.07.2026 09:05');
		expect(formatDateTime(at('2025-12-31T22:00:00Z'), 'lv')).toBe('01.01.2026 00:00');
		expect(formatDateTime(at('2026-01-15T21:59:00Z'), 'lv')).toBe('15.01.2026 23:59');
	});
});

describe('formatTime', () => {
	it('drops the leading zero of the hour', () => {
		expect(formatTime('08:30')).toBe('8:30');
		expect(formatTime('00:05')).toBe('0:05');
		expect(formatTime('17:00')).toBe('17:00');
		expect(formatTime('10:00')).toBe('10:00');
	});

	it('returns text that is not HH:MM unchanged', () => {
		expect(formatTime('8.30')).toBe('8.30');
		expect(formatTime('')).toBe('');
	});
});

describe('formatNumber', () => {
	it('groups Latvian thousands with a no-break space', () => {
		expect(formatNumber(10000, 'lv')).toBe('10\u00a0000');
		expect(formatNumber(1234567, 'lv')).toBe('1\u00a0234\u00a0567');
		expect(formatNumber(12345, 'lv')).not.toMatch(/[ \u202f\u2009]/);
	});

	it('leaves four-digit Latvian numbers ungrouped, as CLDR does', () => {
		expect(formatNumber(1234, 'lv')).toBe('1234');
	});

	it('uses a decimal comma in Latvian and English conventions in English', () => {
		expect(formatNumber(1234.5, 'lv')).toBe('1234,5');
		expect(formatNumber(10000, 'en')).toBe('10,000');
		expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
		expect(formatNumber(0, 'lv')).toBe('0');
	});
});

describe('collatorFor and sortByText', () => {
	it('knows both locales', () => {
		expect(LOCALES).toEqual(['lv', 'en']);
		expect(collatorFor('lv').resolvedOptions().locale).toBe('lv');
		expect(collatorFor('en').resolvedOptions().locale).toMatch(/^en/);
	});

	it('sorts in Latvian alphabetical order', () => {
		const towns = ['Dobele', 'Čaka', 'Cēsis', 'Bauska', 'Ādaži'];
		expect(sortByText(towns, (t) => t, 'lv')).toEqual(['Ādaži', 'Bauska', 'Cēsis', 'Čaka', 'Dobele']);
		expect(sortByText(['Ķekava', 'Kuldīga', 'Ludza'], (t) => t, 'lv')).toEqual(['Kuldīga', 'Ķekava', 'Ludza']);
		expect(collatorFor('lv').compare('Ķekava', 'Kuldīga')).toBeGreaterThan(0);
		expect(collatorFor('lv').compare('Šķibe', 'Talsi')).toBeLessThan(0);
		expect(collatorFor('lv').compare('Šķibe', 'Saldus')).toBeGreaterThan(0);
	});

	it('differs from English, which treats Č and Ķ as plain letters', () => {
		expect(sortByText(['Čaka', 'Cēsis'], (t) => t, 'en')).toEqual(['Čaka', 'Cēsis']);
		expect(sortByText(['Ķekava', 'Kuldīga'], (t) => t, 'en')).toEqual(['Ķekava', 'Kuldīga']);
	});

	it('orders numbers inside names by value', () => {
		expect(sortByText(['KAC 10', 'KAC 2', 'KAC 1'], (t) => t, 'lv')).toEqual(['KAC 1', 'KAC 2', 'KAC 10']);
	});

	it('sorts objects by a key and leaves the input untouched', () => {
		const offices = [{ name: 'Valmiera' }, { name: 'Ādaži' }, { name: 'Rīga' }];
		const sorted = sortByText(offices, (o) => o.name, 'lv');
		expect(sorted.map((o) => o.name)).toEqual(['Ādaži', 'Rīga', 'Valmiera']);
		expect(offices.map((o) => o.name)).toEqual(['Valmiera', 'Ādaži', 'Rīga']);
		expect(sorted[0]).toBe(offices[1]);
	});
});
