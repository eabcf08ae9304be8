import { describe, expect, it } from 'vitest';
import { formatCountdown, isValidWindowMinutes, isWithinWindow, remainingMs, windowEndsAt } from './signing-window';

const MIN = 60_000;

describe('signing window', () => {
	it('a 15-minute window opened at 10:00 accepts 10:00 and 10:15 exactly, not 10:15:00.001', () => {
		const opened = Date.UTC(2026, 10, 28, 10, 0);
		expect(windowEndsAt(opened, 15 * MIN)).toBe(Date.UTC(2026, 10, 28, 10, 15));
		expect(isWithinWindow(opened, opened, 15 * MIN)).toBe(true);
		expect(isWithinWindow(opened + 15 * MIN, opened, 15 * MIN)).toBe(true);
		expect(isWithinWindow(opened + 15 * MIN + 1, opened, 15 * MIN)).toBe(false);
		expect(isWithinWindow(opened - 1, opened, 15 * MIN)).toBe(false);
	});
	it('a device clock a day off changes nothing: both ends come from the same clock', () => {
		const skew = 24 * 60 * MIN;
		const opened = Date.UTC(2026, 10, 28, 10, 0) + skew;
		expect(isWithinWindow(opened + 14 * MIN, opened, 15 * MIN)).toBe(true);
		expect(isWithinWindow(opened + 16 * MIN, opened, 15 * MIN)).toBe(false);
	});
	it('window lengths are whole minutes from 5 to 30', () => {
		expect([4, 5, 15, 30, 31, 7.5].map(isValidWindowMinutes)).toEqual([false, true, true, true, false, false]);
	});
	it('counts down and never below zero', () => {
		expect(remainingMs(0, 15 * MIN, 14 * MIN)).toBe(MIN);
		expect(remainingMs(0, 15 * MIN, 16 * MIN)).toBe(0);
		expect(formatCountdown(14 * MIN + 5_000)).toBe('14:05');
		expect(formatCountdown(999)).toBe('0:01');
		expect(formatCountdown(-5)).toBe('0:00');
	});
});
