import { describe, it, expect } from 'vitest';
import {
	isOpenAt,
	isTimeOfDay,
	isValidWeeklyHours,
	minutesOf,
	openingStatus,
	type WeeklyHours
} from './opening-hours';

// A typical KAC: a lunch break on Mondays, closed at the weekend.
const kac: WeeklyHours = [
	[
		{ from: '08:30', to: '12:00' },
		{ from: '12:30', to: '18:00' }
	],
	[{ from: '08:30', to: '17:00' }],
	[{ from: '08:30', to: '17:00' }],
	[{ from: '08:30', to: '17:00' }],
	[{ from: '08:30', to: '17:00' }],
	[],
	[]
];

const closedAlways: WeeklyHours = [[], [], [], [], [], [], []];

const at = (iso: string) => Date.parse(iso);

describe('isTimeOfDay and minutesOf', () => {
	it('accepts 24-hour HH:MM only', () => {
		expect(isTimeOfDay('00:00')).toBe(true);
		expect(isTimeOfDay('23:59')).toBe(true);
		expect(isTimeOfDay('8:30')).toBe(false);
		expect(isTimeOfDay('24:00')).toBe(false);
		expect(isTimeOfDay('12:60')).toBe(false);
		expect(isTimeOfDay(830)).toBe(false);
	});

	it('converts to minutes since midnight', () => {
		expect(minutesOf('08:30')).toBe(510);
		expect(minutesOf('00:00')).toBe(0);
		expect(minutesOf('23:59')).toBe(1439);
		expect(minutesOf('8:30')).toBeNull();
	});
});

describe('isValidWeeklyHours', () => {
	it('accepts a normal week, touching intervals and closed days', () => {
		expect(isValidWeeklyHours(kac)).toBe(true);
		expect(isValidWeeklyHours(closedAlways)).toBe(true);
		const touching = [...closedAlways];
		touching[0] = [
			{ from: '08:00', to: '12:00' },
			{ from: '12:00', to: '16:00' }
		];
		expect(isValidWeeklyHours(touching)).toBe(true);
	});

	it('wants exactly seven days', () => {
		expect(isValidWeeklyHours(kac.slice(0, 6))).toBe(false);
		expect(isValidWeeklyHours([...kac, []])).toBe(false);
		expect(isValidWeeklyHours(null)).toBe(false);
		expect(isValidWeeklyHours({ 0: [] })).toBe(false);
	});

	const withMonday = (monday: unknown) => [monday, [], [], [], [], [], []];

	it('refuses malformed times and intervals', () => {
		expect(isValidWeeklyHours(withMonday([{ from: '8:30', to: '17:00' }]))).toBe(false);
		expect(isValidWeeklyHours(withMonday([{ from: '08:30', to: '24:00' }]))).toBe(false);
		expect(isValidWeeklyHours(withMonday([{ from: '08:30' }]))).toBe(false);
		expect(isValidWeeklyHours(withMonday(['08:30-17:00']))).toBe(false);
		expect(isValidWeeklyHours(withMonday({ from: '08:30', to: '17:00' }))).toBe(false);
	});

	it('wants from before to', () => {
		expect(isValidWeeklyHours(withMonday([{ from: '17:00', to: '08:30' }]))).toBe(false);
		expect(isValidWeeklyHours(withMonday([{ from: '08:30', to: '08:30' }]))).toBe(false);
	});

	it('wants intervals sorted and not overlapping', () => {
		expect(
			isValidWeeklyHours(
				withMonday([
					{ from: '12:30', to: '18:00' },
					{ from: '08:30', to: '12:00' }
				])
			)
		).toBe(false);
		expect(
			isValidWeeklyHours(
				withMonday([
					{ from: '08:30', to: '12:31' },
					{ from: '12:30', to: '18:00' }
				])
			)
		).toBe(false);
	});
});

describe('openingStatus: an ordinary week (winter and summer time)', () => {
	it('is closed on Monday at 08:29 and opens today at 08:30', () => {
		// Monday 30 March 2026, summer time (UTC+3): 08:29 in Riga is 05:29 UTC.
		expect(openingStatus(kac, at('2026-03-30T05:29:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '08:30', daysAhead: 0 }
		});
		expect(openingStatus(kac, at('2026-03-30T05:30:00Z'))).toEqual({ state: 'open', closesAt: '12:00' });
	});

	it('closes for lunch and reopens the same day', () => {
		expect(openingStatus(kac, at('2026-03-30T08:59:00Z'))).toEqual({ state: 'open', closesAt: '12:00' });
		expect(openingStatus(kac, at('2026-03-30T09:00:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '12:30', daysAhead: 0 }
		});
		expect(openingStatus(kac, at('2026-03-30T09:30:00Z'))).toEqual({ state: 'open', closesAt: '18:00' });
	});

	it('is closed from Friday 17:00 and opens on Monday, three days ahead', () => {
		// Friday 27 March 2026, still winter time (UTC+2).
		expect(openingStatus(kac, at('2026-03-27T14:59:00Z'))).toEqual({ state: 'open', closesAt: '17:00' });
		expect(openingStatus(kac, at('2026-03-27T15:00:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '08:30', daysAhead: 3 }
		});
	});

	it('counts calendar days ahead across the spring change', () => {
		// Saturday 28 March 10:00; Monday comes after the 23-hour Sunday.
		expect(openingStatus(kac, at('2026-03-28T08:00:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '08:30', daysAhead: 2 }
		});
		// Monday evening after closing: tomorrow.
		expect(openingStatus(kac, at('2026-03-30T15:00:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 1, time: '08:30', daysAhead: 1 }
		});
	});

	it('follows the wall clock after the autumn change', () => {
		// Monday 26 October 2026, winter time again (UTC+2): 08:30 in Riga is 06:30 UTC.
		expect(isOpenAt(kac, at('2026-10-26T05:30:00Z'))).toBe(false);
		expect(isOpenAt(kac, at('2026-10-26T06:29:00Z'))).toBe(false);
		expect(isOpenAt(kac, at('2026-10-26T06:30:00Z'))).toBe(true);
		// Friday 23 October, still summer time (UTC+3): 17:00 is 14:00 UTC.
		expect(isOpenAt(kac, at('2026-10-23T13:59:00Z'))).toBe(true);
		expect(isOpenAt(kac, at('2026-10-23T14:00:00Z'))).toBe(false);
	});
});

describe('openingStatus: hours on the night of a change', () => {
	const sundayNight: WeeklyHours = [[], [], [], [], [], [], [{ from: '02:00', to: '03:30' }]];

	it('skips the hour that does not exist on 29 March 2026', () => {
		// 02:59 EET, then the clocks jump to 04:00 EEST: the office is past closing.
		expect(openingStatus(sundayNight, at('2026-03-29T00:59:00Z'))).toEqual({ state: 'open', closesAt: '03:30' });
		expect(openingStatus(sundayNight, at('2026-03-29T01:00:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 6, time: '02:00', daysAhead: 7 }
		});
	});

	it('lives through 03:00-03:30 twice on 25 October 2026', () => {
		expect(isOpenAt(sundayNight, at('2026-10-25T00:15:00Z'))).toBe(true); // 03:15 EEST
		expect(isOpenAt(sundayNight, at('2026-10-25T00:45:00Z'))).toBe(false); // 03:45 EEST
		expect(isOpenAt(sundayNight, at('2026-10-25T01:15:00Z'))).toBe(true); // 03:15 EET
		expect(isOpenAt(sundayNight, at('2026-10-25T01:30:00Z'))).toBe(false); // 03:30 EET
	});
});

describe('openingStatus: edge cases', () => {
	it('never opens when every day is closed', () => {
		expect(openingStatus(closedAlways, at('2026-03-30T08:00:00Z'))).toEqual({ state: 'closed', opensAt: null });
	});

	it('finds the same weekday next week when it is the only open day', () => {
		const mondayMornings: WeeklyHours = [[{ from: '09:00', to: '12:00' }], [], [], [], [], [], []];
		expect(openingStatus(mondayMornings, at('2026-03-30T10:00:00Z'))).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '09:00', daysAhead: 7 }
		});
	});

	it('reads touching intervals as one opening', () => {
		const touching: WeeklyHours = [
			[
				{ from: '08:00', to: '12:00' },
				{ from: '12:00', to: '16:00' }
			],
			[],
			[],
			[],
			[],
			[],
			[]
		];
		expect(openingStatus(touching, at('2026-03-30T07:00:00Z'))).toEqual({ state: 'open', closesAt: '16:00' });
	});

	it('uses another time zone when given one', () => {
		// 06:00 UTC is 09:00 in Riga (open) but 06:00 in UTC (closed).
		expect(isOpenAt(kac, at('2026-03-31T06:00:00Z'))).toBe(true);
		expect(isOpenAt(kac, at('2026-03-31T06:00:00Z'), 'UTC')).toBe(false);
		expect(openingStatus(kac, at('2026-03-31T06:00:00Z'), 'UTC')).toEqual({
			state: 'closed',
			opensAt: { weekday: 1, time: '08:30', daysAhead: 0 }
		});
	});
});

describe('openingStatus: holiday closures (issue 11 §5)', () => {
	it('a closure closes the whole day, says so, and the next opening skips it', () => {
		// Thursday 24 December 2026, 10:00 in Riga (UTC+2): a Thursday with hours, but a closure.
		const christmas = ['2026-12-24', '2026-12-25', '2026-12-31'];
		expect(openingStatus(kac, at('2026-12-24T08:00:00Z'), 'Europe/Riga', christmas)).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '08:30', daysAhead: 4 },
			holiday: true
		});
		expect(isOpenAt(kac, at('2026-12-24T08:00:00Z'), 'Europe/Riga', christmas)).toBe(false);
		// Wednesday 23 December after closing: not tomorrow (closed), not Friday (closed), Monday.
		expect(openingStatus(kac, at('2026-12-23T16:00:00Z'), 'Europe/Riga', christmas)).toEqual({
			state: 'closed',
			opensAt: { weekday: 0, time: '08:30', daysAhead: 5 }
		});
		// Without closures the same instant is open, as before.
		expect(openingStatus(kac, at('2026-12-24T08:00:00Z'))).toEqual({ state: 'open', closesAt: '17:00' });
	});
});
