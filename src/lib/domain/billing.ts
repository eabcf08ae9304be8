/**
 * Billing of the in-person service (MISSION: "a paid service that covers the clerk's time"):
 * per office and calendar month in Latvia, the assisted windows and the visits with at least
 * one accepted signature, times a fee per visit. Money is kept in whole cents, never floats.
 */
import { isIsoDate, localParts, TIME_ZONE, type IsoDate } from './dates';

/** A calendar month as 'YYYY-MM'. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HOUR_MS = 3_600_000;

export function isMonth(x: unknown): x is Month {
	return typeof x === 'string' && MONTH.test(x);
}

/**
 * The instant a calendar day starts in a time zone (midnight, local wall clock). Daylight
 * saving in Latvia switches at 03:00/04:00, so midnight always exists and is unique.
 */
export function startOfDay(date: IsoDate, timeZone: string = TIME_ZONE): number {
	if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${String(date)}`);
	const utcMidnight = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
	// Offsets in use today lie between UTC−12 and UTC+14; Riga is +2 or +3.
	for (const hours of [2, 3, ...Array.from({ length: 27 }, (_, i) => i - 12)]) {
		const candidate = utcMidnight - hours * HOUR_MS;
		const p = localParts(candidate, timeZone);
		if (p.date === date && p.minutes === 0) return candidate;
	}
	throw new RangeError(`No local midnight for ${date} in ${timeZone}`);
}

/** The month an instant falls in, in Latvia. */
export function monthOf(epochMs: number, timeZone: string = TIME_ZONE): Month {
	return localParts(epochMs, timeZone).date.slice(0, 7);
}

/** The month after (n = 1) or before (n = −1) another. */
export function addMonths(month: Month, n: number): Month {
	if (!isMonth(month)) throw new RangeError(`Not a month: ${String(month)}`);
	const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** [from, to) in epoch ms: local midnight of the 1st to local midnight of the next 1st. */
export function monthRange(month: Month, timeZone: string = TIME_ZONE): { from: number; to: number } {
	if (!isMonth(month)) throw new RangeError(`Not a month: ${String(month)}`);
	return { from: startOfDay(`${month}-01`, timeZone), to: startOfDay(`${addMonths(month, 1)}-01`, timeZone) };
}

/** The last `count` months up to and including `month`, newest first (for a month picker). */
export function recentMonths(month: Month, count: number): Month[] {
	return Array.from({ length: count }, (_, i) => addMonths(month, -i));
}

/**
 * A euro amount as written in configuration or typed: '2.50', '2,50', '3' → cents.
 * Null when it is not a non-negative amount with at most two decimals.
 */
export function parseEuroCents(text: string): number | null {
	const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
	if (!m) return null;
	return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/**
 * Cents as a plain decimal with a comma, '1234,50', the way Latvian spreadsheets read numbers
 * (and with no currency sign, so the cell stays a number).
 */
export function centsToDecimal(cents: number, decimalSeparator: ',' | '.' = ','): string {
	if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, '0')}`;
}

export interface BillingCounts {
	windows: number;
	visits: number;
}

export interface BillingLine extends BillingCounts {
	feeCents: number;
	amountCents: number;
}

/** A visit is billed once, however many initiatives the citizen signed in it. */
export function billingLine(counts: BillingCounts, feeCents: number): BillingLine {
	return { ...counts, feeCents, amountCents: counts.visits * feeCents };
}

export function sumLines(lines: readonly BillingLine[], feeCents: number): BillingLine {
	const windows = lines.reduce((s, l) => s + l.windows, 0);
	const visits = lines.reduce((s, l) => s + l.visits, 0);
	const amountCents = lines.reduce((s, l) => s + l.amountCents, 0);
	return { windows, visits, feeCents, amountCents };
}
