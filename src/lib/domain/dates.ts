/**
 * Calendar dates and local wall-clock time. Dates are plain 'YYYY-MM-DD' strings so they
 * survive JSON, IndexedDB and SQL unchanged; instants are epoch milliseconds. Offices, opening
 * hours and the law all count days in Latvia, so Europe/Riga is the default zone everywhere.
 */

/** A calendar date as 'YYYY-MM-DD'. */
export type IsoDate = string;

export const TIME_ZONE = 'Europe/Riga';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date in 'YYYY-MM-DD' form (so '2023-02-29' is false). */
export function isIsoDate(s: unknown): s is IsoDate {
	if (typeof s !== 'string') return false;
	const m = ISO_DATE.exec(s);
	if (!m) return false;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Builds an IsoDate from numbers, or null when they name no real day. */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
	const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
	return isIsoDate(s) ? s : null;
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
	if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${String(date)}`);
	return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01; the proleptic Gregorian calendar, as ISO 8601 and personal codes use. */
function dayNumber(date: IsoDate): number {
	const { year, month, day } = parseIsoDate(date);
	const d = new Date(0);
	// setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
	d.setUTCFullYear(year, month - 1, day);
	return Math.round(d.getTime() / MS_PER_DAY);
}

function fromDayNumber(n: number): IsoDate {
	const d = new Date(n * MS_PER_DAY);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function addDays(date: IsoDate, n: number): IsoDate {
	if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
	return fromDayNumber(dayNumber(date) + n);
}

/** Calendar days from a to b: positive when b is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	return dayNumber(b) - dayNumber(a);
}

/** Day of the week of a calendar date, 0 = Monday … 6 = Sunday (as in WeeklyHours). */
export function weekdayOf(date: IsoDate): number {
	// 1970-01-01 was a Thursday (3).
	return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

export interface LocalParts {
	date: IsoDate;
	/** 0 = Monday … 6 = Sunday */
	weekday: number;
	/** minutes since local midnight, 0..1439 */
	minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** The wall-clock date, weekday and time of an instant in a time zone (DST included). */
export function localParts(epochMs: number, timeZone: string = TIME_ZONE): LocalParts {
	if (!Number.isFinite(epochMs)) throw new RangeError(`Not an instant: ${epochMs}`);
	const values: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(epochMs)) values[part.type] = part.value;
	const date = `${pad(Number(values.year), 4)}-${values.month}-${values.day}`;
	// Some engines still print midnight as 24 despite hourCycle h23.
	const hour = Number(values.hour) % 24;
	return { date, weekday: weekdayOf(date), minutes: hour * 60 + Number(values.minute) };
}

/** The calendar date of an instant in Latvia. */
export function rigaDateOf(epochMs: number): IsoDate {
	return localParts(epochMs, TIME_ZONE).date;
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

// Riga's offset from UTC has been whole hours since 1926, so its calendar day changes only on
// a UTC hour boundary: the day of every instant in one UTC hour is the same. A push's
// signatures fall in a few hours, so this skips almost every Intl formatting call.
const rigaDaysByHour = new Map<number, IsoDate>();
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1927, 0, 1);

/** `rigaDateOf`, remembered per UTC hour: for the rules that ask it once per record. */
export function rigaDateOfCached(epochMs: number): IsoDate {
	if (!Number.isFinite(epochMs) || epochMs < WHOLE_HOUR_OFFSETS_SINCE) return rigaDateOf(epochMs);
	const hour = Math.floor(epochMs / 3_600_000);
	let day = rigaDaysByHour.get(hour);
	if (day === undefined) {
		day = rigaDateOf(hour * 3_600_000);
		if (rigaDaysByHour.size > 10_000) rigaDaysByHour.clear();
		rigaDaysByHour.set(hour, day);
	}
	return day;
}
