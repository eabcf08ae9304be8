/**
 * Anomaly signals of quality control (DESIGN §6), per visit, clerk and office. Each rule is a
 * pure function of facts the server has and of a threshold from the configuration (README,
 * "Quality control"); the server stores what fired as a flag with the numbers behind it, so an
 * auditor reads why, and a flagged visit is oversampled.
 */
import { localParts, TIME_ZONE } from './dates';
import { minutesOf, type WeeklyHours } from './opening-hours';
import { wilsonInterval } from './wilson';

export const QC_SIGNALS = [
	'visits_per_day',
	'outside_hours',
	'short_window',
	'shared_phone',
	'offline',
	'clock_offset',
	'denial_rate',
	'denied_call',
	'citizen_report',
	'error_rate'
] as const;
export type QcSignal = (typeof QC_SIGNALS)[number];

export interface SignalThresholds {
	/** A day is unusual when its visits exceed this multiple of the baseline… */
	dayFactor: number;
	/** …and are at least this many. */
	dayMin: number;
	/** Days of history behind the baseline. */
	baselineDays: number;
	/** Minutes before opening or after closing still counted as opening hours. */
	hoursGraceMinutes: number;
	/** A window shorter than this, in seconds… */
	shortWindowSeconds: number;
	/** …with at least this many signatures. */
	shortWindowSignatures: number;
	/** One phone number given for at least this many different people. */
	sharedPhonePersons: number;
	/** Hours between a visit and its arrival at the server. */
	offlineHours: number;
	/** Minutes a device clock may be off. */
	clockOffsetMinutes: number;
	/** Denied / completed calls at or above this… */
	denialRate: number;
	/** …once there are at least this many completed calls. */
	denialMinCalls: number;
}

export const DEFAULT_THRESHOLDS: SignalThresholds = {
	dayFactor: 3,
	dayMin: 5,
	baselineDays: 28,
	hoursGraceMinutes: 15,
	shortWindowSeconds: 60,
	shortWindowSignatures: 3,
	sharedPhonePersons: 3,
	offlineHours: 72,
	clockOffsetMinutes: 5,
	denialRate: 0.1,
	denialMinCalls: 5
};

export type Verdict<D> = { fires: false } | { fires: true; details: D };

const quiet = { fires: false } as const;

/**
 * Visits per day against the subject's own baseline: the mean number of visits on the days
 * with visits in the preceding `baselineDays` (days without visits are not "normal days" of a
 * 1-3 visits a month office, so they do not pull the baseline to zero). Without history the
 * baseline is taken as 1 visit a day.
 */
export function visitsPerDay(
	count: number,
	history: readonly number[],
	t: Pick<SignalThresholds, 'dayFactor' | 'dayMin'>
): Verdict<{ count: number; baseline: number }> {
	const active = history.filter((n) => n > 0);
	const baseline = active.length ? active.reduce((a, b) => a + b, 0) / active.length : 0;
	const reference = Math.max(baseline, 1);
	if (count >= t.dayMin && count > t.dayFactor * reference) {
		return { fires: true, details: { count, baseline: Math.round(baseline * 100) / 100 } };
	}
	return quiet;
}

/**
 * A visit opened outside the office's opening hours (Riga wall clock), with a grace before
 * opening and after closing, or on one of its holiday closures.
 */
export function outsideHours(
	openedAt: number,
	hours: WeeklyHours,
	closures: readonly string[],
	t: Pick<SignalThresholds, 'hoursGraceMinutes'>,
	timeZone: string = TIME_ZONE
): Verdict<{ date: string; time: string; closure: boolean }> {
	const { date, weekday, minutes } = localParts(openedAt, timeZone);
	const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
	if (closures.includes(date)) return { fires: true, details: { date, time, closure: true } };
	const g = t.hoursGraceMinutes;
	const open = (hours[weekday] ?? []).some((i) => {
		const from = minutesOf(i.from);
		const to = minutesOf(i.to);
		return from !== null && to !== null && from - g <= minutes && minutes < to + g;
	});
	return open ? quiet : { fires: true, details: { date, time, closure: false } };
}

/** Several signatures in a window too short to read what was signed. */
export function shortWindow(
	durationMs: number,
	signatures: number,
	t: Pick<SignalThresholds, 'shortWindowSeconds' | 'shortWindowSignatures'>
): Verdict<{ seconds: number; signatures: number }> {
	const seconds = Math.max(0, Math.round(durationMs / 1000));
	if (signatures >= t.shortWindowSignatures && durationMs < t.shortWindowSeconds * 1000) {
		return { fires: true, details: { seconds, signatures } };
	}
	return quiet;
}

/** One QC phone number given for several different people (by person key). */
export function sharedPhone(persons: number, visits: number, t: Pick<SignalThresholds, 'sharedPhonePersons'>): Verdict<{ persons: number; visits: number }> {
	return persons >= t.sharedPhonePersons ? { fires: true, details: { persons, visits } } : quiet;
}

/** A visit that reached the server long after it happened: the office PC was offline. */
export function offline(delayMs: number, t: Pick<SignalThresholds, 'offlineHours'>): Verdict<{ hours: number }> {
	const hours = Math.floor(delayMs / 3_600_000);
	return delayMs > t.offlineHours * 3_600_000 ? { fires: true, details: { hours } } : quiet;
}

/** A device whose clock is off (serverTime − deviceTime at its last push), or that signed in the future. */
export function clockOffset(
	offsetMs: number | null,
	futureRecord: boolean,
	t: Pick<SignalThresholds, 'clockOffsetMinutes'>
): Verdict<{ minutes: number; future: boolean }> {
	const minutes = offsetMs === null ? 0 : Math.round(offsetMs / 60_000);
	if (futureRecord || (offsetMs !== null && Math.abs(offsetMs) > t.clockOffsetMinutes * 60_000)) {
		return { fires: true, details: { minutes, future: futureRecord } };
	}
	return quiet;
}

/** Denied / completed calls of a clerk or office at or above the configured rate. */
export function denialRate(
	denied: number,
	completed: number,
	t: Pick<SignalThresholds, 'denialRate' | 'denialMinCalls'>
): Verdict<{ denied: number; completed: number; low: number; high: number }> {
	if (completed < t.denialMinCalls || completed === 0 || denied / completed < t.denialRate) return quiet;
	const w = wilsonInterval(denied, completed);
	return { fires: true, details: { denied, completed, low: round4(w.low), high: round4(w.high) } };
}

function round4(x: number) {
	return Math.round(x * 10_000) / 10_000;
}
