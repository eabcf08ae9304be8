/**
 * Display formats (DESIGN §9). Dates read 'dd.mm.yyyy' in English too: the app serves Latvia,
 * and one date shape on a receipt avoids the 03.04 / 4/3 ambiguity for every reader.
 * Everything is computed in Europe/Riga, so a server in UTC prints the same date as the office PC.
 */
import { isIsoDate, localParts, type IsoDate } from './dates';
import { minutesOf, type TimeOfDay } from './opening-hours';

export type Locale = 'lv' | 'en';
export const LOCALES = ['lv', 'en'] as const satisfies readonly Locale[];

function dmy(date: IsoDate): string {
	return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

function hhmm(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * 'dd.mm.yyyy' of a calendar date, or of an instant's date in Riga. The locale is taken so call
 * sites need not change if a locale ever formats differently; today both give the same.
 */
export function formatDate(epochMsOrIsoDate: number | IsoDate, locale: Locale): string {
	void locale;
	if (typeof epochMsOrIsoDate === 'number') return dmy(localParts(epochMsOrIsoDate).date);
	if (!isIsoDate(epochMsOrIsoDate)) throw new RangeError(`Not a calendar date: ${epochMsOrIsoDate}`);
	return dmy(epochMsOrIsoDate);
}

/** 'dd.mm.yyyy HH:MM' in Riga, 24-hour clock in both locales. */
export function formatDateTime(epochMs: number, locale: Locale): string {
	void locale;
	const { date, minutes } = localParts(epochMs);
	return `${dmy(date)} ${hhmm(minutes)}`;
}

/**
 * A time of day in the Latvian style without a leading zero: '08:30' → '8:30'. Text that is not
 * 'HH:MM' comes back unchanged, so a bad catalog entry shows as typed instead of breaking a page.
 */
export function formatTime(time: TimeOfDay): string {
	const minutes = minutesOf(time);
	if (minutes === null) return time;
	return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

const NBSP = '\u00a0';
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * Grouped number: lv '10 000', en '10,000'. Latvian follows CLDR, which leaves four-digit
 * numbers ungrouped ('1234'). ICU versions disagree on the Latvian group separator (no-break
 * space U+00A0 or narrow no-break space U+202F); every space is normalised to U+00A0, so
 * server, browser and tests print the same bytes and a number never wraps across lines.
 */
export function formatNumber(n: number, locale: Locale): string {
	let f = numberFormats.get(locale);
	if (!f) {
		f = new Intl.NumberFormat(locale);
		numberFormats.set(locale, f);
	}
	return f.format(n).replace(/\s/g, NBSP);
}

const collators = new Map<Locale, Intl.Collator>();

/**
 * Latvian alphabetical order (Ā with A, but Č after C, Ķ after K …). Numeric, so 'KAC 2'
 * comes before 'KAC 10'.
 */
export function collatorFor(locale: Locale): Intl.Collator {
	let c = collators.get(locale);
	if (!c) {
		c = new Intl.Collator(locale, { numeric: true });
		collators.set(locale, c);
	}
	return c;
}

/** A sorted copy; the input is left as it was (it may be reactive state). */
export function sortByText<T>(items: readonly T[], key: (item: T) => string, locale: Locale): T[] {
	const { compare } = collatorFor(locale);
	return [...items].sort((a, b) => compare(key(a), key(b)));
}
