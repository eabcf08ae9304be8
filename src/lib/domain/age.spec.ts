import { describe, it, expect } from 'vitest';
import { MIN_SIGNING_AGE, ageOn } from './age';

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
