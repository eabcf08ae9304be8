/**
 * Opening hours and holiday closures as people type them in the back office form and in an
 * office CSV: one day as '8:30-12:00, 12:30-17:00' (empty or 'slēgts' = closed), closures as
 * dates '24.12.2026, 2026-12-25'. Parsing is strict and says what is wrong.
 */
import { isIsoDate, type IsoDate } from './dates';
import { isValidWeeklyHours, type OpeningInterval, type WeeklyHours } from './opening-hours';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export type HoursProblem = 'hours_format' | 'hours_order' | 'hours_overlap';
export type ClosuresProblem = 'closure_date_format';

const CLOSED_WORDS = new Set(['', '-', '–', 'slēgts', 'slegts', 'closed', 'brīvdiena']);
const TIME = /^(\d{1,2})[:.](\d{2})$/;

function time(text: string): string | null {
	const m = TIME.exec(text.trim());
	if (!m) return null;
	const h = Number(m[1]);
	const min = Number(m[2]);
	if (h > 23 || min > 59) return null;
	return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** One day's intervals; closed when the text is empty or says so. */
export function parseDayHours(text: string): { ok: true; intervals: OpeningInterval[] } | { ok: false; problem: HoursProblem } {
	const cleaned = text.trim().toLowerCase();
	if (CLOSED_WORDS.has(cleaned)) return { ok: true, intervals: [] };
	const intervals: OpeningInterval[] = [];
	for (const part of cleaned.split(/[,;]|\s+un\s+|\s+and\s+/)) {
		if (!part.trim()) continue;
		const ends = part.split(/\s*[-–—]\s*/);
		if (ends.length !== 2) return { ok: false, problem: 'hours_format' };
		const from = time(ends[0]);
		const to = time(ends[1]);
		if (!from || !to) return { ok: false, problem: 'hours_format' };
		if (from >= to) return { ok: false, problem: 'hours_order' };
		intervals.push({ from, to });
	}
	intervals.sort((a, b) => (a.from < b.from ? -1 : 1));
	for (let i = 1; i < intervals.length; i++) {
		if (intervals[i].from < intervals[i - 1].to) return { ok: false, problem: 'hours_overlap' };
	}
	return { ok: true, intervals };
}

/** '08:30-12:00, 12:30-17:00'; '' for a closed day (what the form shows, and parses back). */
export function formatDayHours(intervals: readonly OpeningInterval[]): string {
	return intervals.map((i) => `${i.from}-${i.to}`).join(', ');
}

/** Seven day texts (Monday first) → WeeklyHours, or the problem of each bad day. */
export function parseWeeklyHours(
	days: Record<WeekdayKey, string>
): { ok: true; hours: WeeklyHours } | { ok: false; problems: Partial<Record<WeekdayKey, HoursProblem>> } {
	const problems: Partial<Record<WeekdayKey, HoursProblem>> = {};
	const hours: OpeningInterval[][] = [];
	for (const key of WEEKDAY_KEYS) {
		const r = parseDayHours(days[key] ?? '');
		if (r.ok) hours.push(r.intervals);
		else problems[key] = r.problem;
	}
	if (Object.keys(problems).length) return { ok: false, problems };
	if (!isValidWeeklyHours(hours)) return { ok: false, problems: { mon: 'hours_format' } };
	return { ok: true, hours };
}

export function weeklyHoursTexts(hours: WeeklyHours): Record<WeekdayKey, string> {
	return Object.fromEntries(WEEKDAY_KEYS.map((k, i) => [k, formatDayHours(hours[i] ?? [])])) as Record<WeekdayKey, string>;
}

/** A date as Latvians write it (dd.mm.yyyy, final dot optional) or as ISO; null if neither. */
export function parseDate(text: string): IsoDate | null {
	const t = text.trim();
	const lv = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(t);
	const iso = lv ? `${lv[3]}-${lv[2].padStart(2, '0')}-${lv[1].padStart(2, '0')}` : t;
	return isIsoDate(iso) ? iso : null;
}

/** Dates separated by commas, semicolons, spaces or new lines → sorted, without repeats. */
export function parseClosures(text: string): { ok: true; dates: IsoDate[] } | { ok: false; problem: ClosuresProblem; bad: string } {
	const dates = new Set<IsoDate>();
	for (const part of text.split(/[\s,;]+/)) {
		if (!part) continue;
		const d = parseDate(part);
		if (!d) return { ok: false, problem: 'closure_date_format', bad: part };
		dates.add(d);
	}
	return { ok: true, dates: [...dates].sort() };
}

/** Closures that still matter on `today` (ISO dates compare as strings). */
export function upcomingClosures(dates: readonly IsoDate[], today: IsoDate): IsoDate[] {
	return dates.filter((d) => d >= today);
}
