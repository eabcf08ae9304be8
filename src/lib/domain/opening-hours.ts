/** Weekly opening hours of an office, in Europe/Riga local time. */
import { TIME_ZONE, addDays, localParts } from './dates';

/** A time of day as "HH:MM" (24-hour). */
export type TimeOfDay = string;
/** One opening interval within a day, e.g. { from: '08:30', to: '12:00' }. */
export interface OpeningInterval {
	from: TimeOfDay;
	to: TimeOfDay;
}
/** Seven days, index 0 = Monday … 6 = Sunday; an empty array means closed that day. */
export type WeeklyHours = [
	OpeningInterval[],
	OpeningInterval[],
	OpeningInterval[],
	OpeningInterval[],
	OpeningInterval[],
	OpeningInterval[],
	OpeningInterval[]
];

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(x: unknown): x is TimeOfDay {
	return typeof x === 'string' && TIME_OF_DAY.test(x);
}

/** Minutes since midnight of an 'HH:MM' time, or null if it is not one. */
export function minutesOf(time: TimeOfDay): number | null {
	const m = TIME_OF_DAY.exec(time);
	return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function isInterval(x: unknown): x is OpeningInterval {
	if (typeof x !== 'object' || x === null) return false;
	const { from, to } = x as Record<string, unknown>;
	return isTimeOfDay(from) && isTimeOfDay(to) && from < to;
}

/**
 * Seven days of intervals in 'HH:MM', each from < to, sorted and not overlapping. Intervals may
 * touch ('12:00' to and '12:00' from); they then read as one opening. Midnight cannot be a closing
 * time, so an office open past midnight is not representable; no KAC is.
 */
export function isValidWeeklyHours(x: unknown): x is WeeklyHours {
	if (!Array.isArray(x) || x.length !== 7) return false;
	return x.every((day: unknown) => {
		if (!Array.isArray(day) || !day.every(isInterval)) return false;
		const intervals: OpeningInterval[] = day;
		// 'HH:MM' strings of equal length compare like the times they name.
		return intervals.every((interval, i) => i === 0 || intervals[i - 1]!.to <= interval.from);
	});
}

// An invalid time compares false with everything, so a bad interval never opens the office.
function at(time: TimeOfDay): number {
	return minutesOf(time) ?? Number.NaN;
}

export type OpeningStatus =
	| { state: 'open'; closesAt: TimeOfDay }
	| { state: 'closed'; opensAt: { weekday: number; time: TimeOfDay; daysAhead: number }; holiday?: true }
	| { state: 'closed'; opensAt: null; holiday?: true };

/** How far ahead the next opening is looked for: a week, plus a fortnight of holiday closures. */
const LOOK_AHEAD_DAYS = 21;

/**
 * Whether an office is open at an instant, by its local wall clock, and when that changes.
 * Holiday closures ('YYYY-MM-DD' in that time zone) close the whole day: `holiday` says today is
 * one. When closed, the next opening is searched for up to three weeks ahead, skipping closures
 * (daysAhead 0 = later today, 1 = tomorrow, 7 = the same weekday next week); null means none.
 */
export function openingStatus(
	hours: WeeklyHours,
	epochMs: number,
	timeZone: string = TIME_ZONE,
	closures: readonly string[] = []
): OpeningStatus {
	const { date, weekday, minutes } = localParts(epochMs, timeZone);
	const closed = new Set(closures);
	const holiday = closed.has(date);
	const today = hours[weekday] ?? [];
	let current = holiday ? -1 : today.findIndex((i) => at(i.from) <= minutes && minutes < at(i.to));
	if (current >= 0) {
		// Touching intervals would otherwise announce a closing that never happens.
		while (current + 1 < today.length && today[current + 1]!.from === today[current]!.to) current++;
		return { state: 'open', closesAt: today[current]!.to };
	}
	const mark = holiday ? ({ holiday: true } as const) : {};
	for (let daysAhead = 0; daysAhead <= LOOK_AHEAD_DAYS; daysAhead++) {
		if (closed.has(addDays(date, daysAhead))) continue;
		const day = (weekday + daysAhead) % 7;
		const next = (hours[day] ?? []).find((i) => isTimeOfDay(i.from) && (daysAhead > 0 || at(i.from) > minutes));
		if (next) return { state: 'closed', opensAt: { weekday: day, time: next.from, daysAhead }, ...mark };
	}
	return { state: 'closed', opensAt: null, ...mark };
}

export function isOpenAt(hours: WeeklyHours, epochMs: number, timeZone: string = TIME_ZONE, closures: readonly string[] = []): boolean {
	return openingStatus(hours, epochMs, timeZone, closures).state === 'open';
}
