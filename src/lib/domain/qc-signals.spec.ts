import { describe, expect, it } from 'vitest';
import type { WeeklyHours } from './opening-hours';
import { clockOffset, DEFAULT_THRESHOLDS as T, denialRate, offline, outsideHours, sharedPhone, shortWindow, visitsPerDay } from './qc-signals';

const weekdays: WeeklyHours = [
	[{ from: '08:30', to: '12:00' }, { from: '12:30', to: '17:00' }],
	[{ from: '08:30', to: '17:00' }],
	[{ from: '08:30', to: '17:00' }],
	[{ from: '08:30', to: '17:00' }],
	[{ from: '08:30', to: '15:00' }],
	[],
	[]
];
// Monday 7 December 2026 in Rīga is UTC+2.
const riga = (h: number, m = 0, day = 7) => Date.UTC(2026, 11, day, h - 2, m);

describe('QC anomaly signals', () => {
	it('visits per day: quiet at the office’s own baseline, fires well above it', () => {
		expect(visitsPerDay(3, [2, 3, 0, 2, 4], T)).toEqual({ fires: false });
		expect(visitsPerDay(12, [2, 3, 0, 2, 4], T)).toEqual({ fires: true, details: { count: 12, baseline: 2.75 } });
		// A busy office's normal busy day is no anomaly.
		expect(visitsPerDay(12, [10, 11, 9, 12], T)).toEqual({ fires: false });
		// Without history the baseline counts as 1 a day: 5 visits on a first day fire, 3 do not.
		expect(visitsPerDay(5, [], T).fires).toBe(true);
		expect(visitsPerDay(3, [], T).fires).toBe(false);
		// Never below the minimum, whatever the ratio.
		expect(visitsPerDay(4, [1, 1], T).fires).toBe(false);
	});

	it('outside opening hours: quiet inside (and within the grace), fires at night, at the lunch break, at weekends, on closures', () => {
		expect(outsideHours(riga(10), weekdays, [], T)).toEqual({ fires: false });
		expect(outsideHours(riga(8, 20), weekdays, [], T)).toEqual({ fires: false }); // 10 min early, grace 15
		expect(outsideHours(riga(17, 10), weekdays, [], T)).toEqual({ fires: false });
		expect(outsideHours(riga(21, 40), weekdays, [], T)).toEqual({ fires: true, details: { date: '2026-12-07', time: '21:40', closure: false } });
		expect(outsideHours(riga(12, 15), weekdays, [], { hoursGraceMinutes: 0 }).fires).toBe(true);
		expect(outsideHours(riga(11, 0, 12), weekdays, [], T).fires).toBe(true); // Saturday
		expect(outsideHours(riga(10), weekdays, ['2026-12-07'], T)).toEqual({ fires: true, details: { date: '2026-12-07', time: '10:00', closure: true } });
	});

	it('very short windows with several signatures', () => {
		expect(shortWindow(40_000, 3, T)).toEqual({ fires: true, details: { seconds: 40, signatures: 3 } });
		expect(shortWindow(40_000, 2, T)).toEqual({ fires: false });
		expect(shortWindow(6 * 60_000, 5, T)).toEqual({ fires: false });
	});

	it('one phone number across several people', () => {
		expect(sharedPhone(1, 4, T)).toEqual({ fires: false }); // one person, four visits
		expect(sharedPhone(2, 2, T)).toEqual({ fires: false }); // a couple sharing a landline
		expect(sharedPhone(3, 3, T)).toEqual({ fires: true, details: { persons: 3, visits: 3 } });
	});

	it('long offline periods', () => {
		expect(offline(5 * 3_600_000, T)).toEqual({ fires: false });
		expect(offline(100 * 3_600_000, T)).toEqual({ fires: true, details: { hours: 100 } });
	});

	it('clock offset', () => {
		expect(clockOffset(90_000, false, T)).toEqual({ fires: false });
		expect(clockOffset(null, false, T)).toEqual({ fires: false });
		expect(clockOffset(-12 * 60_000, false, T)).toEqual({ fires: true, details: { minutes: -12, future: false } });
		expect(clockOffset(0, true, T)).toEqual({ fires: true, details: { minutes: 0, future: true } });
	});

	it('denial rate, with its Wilson interval', () => {
		expect(denialRate(0, 20, T)).toEqual({ fires: false });
		expect(denialRate(1, 3, T)).toEqual({ fires: false }); // too few calls to speak of a rate
		expect(denialRate(1, 20, T)).toEqual({ fires: false });
		expect(denialRate(2, 10, T)).toEqual({ fires: true, details: { denied: 2, completed: 10, low: 0.0567, high: 0.5098 } });
	});
});
