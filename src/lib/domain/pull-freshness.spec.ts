import { describe, expect, it } from 'vitest';
import { isFreshPull } from './pull-freshness';
import { PULL_FRESH_MS } from './sync-protocol.core';

const NOW = Date.UTC(2026, 10, 28, 10, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('isFreshPull', () => {
	it('a device time within five minutes of the server clock, either way, is fresh', () => {
		expect(PULL_FRESH_MS).toBe(5 * MINUTE);
		expect(isFreshPull(NOW, NOW, null)).toBe(true);
		expect(isFreshPull(NOW - 5 * MINUTE, NOW, null)).toBe(true);
		expect(isFreshPull(NOW + 5 * MINUTE, NOW, null)).toBe(true);
		expect(isFreshPull(NOW - 5 * MINUTE - 1, NOW, null)).toBe(false);
		expect(isFreshPull(NOW + 5 * MINUTE + 1, NOW, null)).toBe(false);
	});

	it('a pull recorded an hour ago and sent again is stale', () => {
		expect(isFreshPull(NOW - 60 * MINUTE, NOW, 0)).toBe(false);
	});

	it('a clock a day behind is fresh once a push showed that offset, and a replay of its pull is not', () => {
		const deviceNow = NOW - DAY;
		expect(isFreshPull(deviceNow, NOW, null)).toBe(false);
		expect(isFreshPull(deviceNow, NOW, DAY)).toBe(true);
		expect(isFreshPull(deviceNow, NOW + 10 * MINUTE, DAY)).toBe(false);
		// The offset drifts a little between syncs: still within the window.
		expect(isFreshPull(deviceNow + 2 * MINUTE, NOW, DAY)).toBe(true);
	});

	it('a clock a day ahead works the same way (a negative offset)', () => {
		expect(isFreshPull(NOW + DAY, NOW, -DAY)).toBe(true);
		expect(isFreshPull(NOW + DAY, NOW, DAY)).toBe(false);
	});
});
