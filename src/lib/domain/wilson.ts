/**
 * Error-rate estimates for quality control (DESIGN §6): denied / completed calls, with the
 * Wilson score interval (Wilson 1927; Newcombe 1998, method 3). Unlike the normal
 * approximation it stays inside [0, 1] and behaves with few calls and with 0 or all denied,
 * which is what an office with a handful of calls a month has.
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z · √(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)
 */

/** The two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

export interface Interval {
	/** The point estimate k/n (0 when n = 0). */
	estimate: number;
	low: number;
	high: number;
}

export function wilsonInterval(k: number, n: number, z: number = Z95): Interval {
	if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
		throw new RangeError(`wilsonInterval needs 0 ≤ k ≤ n integers, got ${k}/${n}`);
	}
	if (n === 0) return { estimate: 0, low: 0, high: 1 };
	const p = k / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
	// Exact ends for k = 0 and k = n (the formula gives them up to rounding).
	return {
		estimate: p,
		low: k === 0 ? 0 : Math.max(0, centre - half),
		high: k === n ? 1 : Math.min(1, centre + half)
	};
}

/**
 * Escalation to full review: the interval's **lower** end is above the threshold, i.e. we are
 * 97.5 % sure the error rate is higher than the tolerated one. A single denial out of one call
 * escalates at the default 5 % (low = 0.21); one denial among five calls does not (low = 0.036).
 */
export function exceedsThreshold(k: number, n: number, threshold: number): boolean {
	return n > 0 && wilsonInterval(k, n).low > threshold;
}
