import { describe, it, expect } from 'vitest';
import { MIN_SIGNING_AGE, ageOn, birthdayAt } from './age';
import { addDays } from './dates';

describe('ageOn', () => {
	it('counts full years, turning older on the birthday itself', () => {
		expect(ageOn('2010-05-20', '2026-05-19')).toBe(15);
		expect(ageOn('2010-05-20', '2026-05-20')).toBe(16);
		expect(ageOn('2010-05-20', '2026-05-21')).toBe(16);
		expect(ageOn('1975-11-16', '2026-01-01')).toBe(50);
		expect(ageOn('1975-11-16', '2026-11-16')).toBe(51);
	});

	it('lets someone born on 29 February turn older on 1 March in non-leap years', () => {
		expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
		expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
		expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
		expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
	});

	it('is 0 on the day of birth and negative before it', () => {
		expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
		expect(ageOn('2026-03-01', '2026-02-28')).toBe(-1);
	});

	it('refuses dates that do not exist', () => {
		expect(() => ageOn('2010-02-30', '2026-01-01')).toThrow(RangeError);
		expect(() => ageOn('2010-02-28', '2026-1-1')).toThrow(RangeError);
	});
});

describe('MIN_SIGNING_AGE', () => {
	it('is 16', () => {
		expect(MIN_SIGNING_AGE).toBe(16);
	});
});

describe('birthdayAt', () => {
	it('is the birthday in the year of that age', () => {
		expect(birthdayAt('2010-05-20', 16)).toBe('2026-05-20');
		expect(birthdayAt('1975-11-16', 16)).toBe('1991-11-16');
		expect(birthdayAt('1999-12-31', 16)).toBe('2015-12-31');
	});

	it('moves 29 February to 1 March in a year without it, and keeps it in a leap year', () => {
		expect(birthdayAt('2008-02-29', 16)).toBe('2024-02-29');
		expect(birthdayAt('2008-02-29', 17)).toBe('2025-03-01');
		expect(birthdayAt('2084-02-29', 16)).toBe('2100-03-01');
	});

	it('agrees with ageOn on every day around every birthday of four years (worked out day by day)', () => {
		let born = '2007-01-01';
		while (born < '2011-01-01') {
			const from = birthdayAt(born, MIN_SIGNING_AGE);
			for (const d of [-2, -1, 0, 1, 2]) {
				const day = addDays(from, d);
				expect(ageOn(born, day) >= MIN_SIGNING_AGE, `${born} on ${day}`).toBe(day >= from);
			}
			born = addDays(born, 1);
		}
	});

	it('refuses a date that does not exist', () => {
		expect(() => birthdayAt('2010-02-30', 16)).toThrow(RangeError);
	});
});
