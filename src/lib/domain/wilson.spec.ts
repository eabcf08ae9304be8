import { describe, expect, it } from 'vitest';
import { exceedsThreshold, wilsonInterval } from './wilson';

const four = (x: number) => Math.round(x * 10_000) / 10_000;

describe('Wilson score interval, 95 %', () => {
	// Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
	// methods", Statistics in Medicine 17 (1998), table I, method 3 (score, no continuity correction).
	it.each([
		[81, 263, 0.2553, 0.3662],
		[15, 148, 0.0624, 0.1605],
		[0, 20, 0, 0.1611],
		[1, 29, 0.0061, 0.1718]
	])('%i/%i → %f … %f (Newcombe 1998)', (k, n, low, high) => {
		const w = wilsonInterval(k, n);
		expect(four(w.low)).toBe(low);
		expect(four(w.high)).toBe(high);
		expect(w.estimate).toBe(k / n);
	});

	it('worked by hand: 5/10 → 0.2366 … 0.7634; 0/10 → 0 … z²/(n+z²) = 0.2775; 10/10 → 0.7225 … 1', () => {
		expect([four(wilsonInterval(5, 10).low), four(wilsonInterval(5, 10).high)]).toEqual([0.2366, 0.7634]);
		expect([wilsonInterval(0, 10).low, four(wilsonInterval(0, 10).high)]).toEqual([0, 0.2775]);
		expect([four(wilsonInterval(10, 10).low), wilsonInterval(10, 10).high]).toEqual([0.7225, 1]);
	});

	it('no calls: the whole range; bad counts are refused', () => {
		expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, low: 0, high: 1 });
		expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
		expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
		expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
	});

	it('escalates when the lower end is above the threshold: 1/1 and 1/3 do at 5 %, 1/5 and 0/50 do not', () => {
		expect(four(wilsonInterval(1, 1).low)).toBe(0.2065);
		expect(exceedsThreshold(1, 1, 0.05)).toBe(true);
		expect(exceedsThreshold(1, 3, 0.05)).toBe(true);
		expect(exceedsThreshold(1, 5, 0.05)).toBe(false);
		expect(exceedsThreshold(0, 50, 0.05)).toBe(false);
		expect(exceedsThreshold(0, 0, 0)).toBe(false);
	});
});
