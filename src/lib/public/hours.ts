/** Opening hours as people read them: a week table and "open until 17:00" / "opens Monday 8:30". */
import { formatTime } from '$lib/domain/format';
import { openingStatus, type OpeningInterval, type WeeklyHours } from '$lib/domain/opening-hours';
import { t, type MessageKey } from '$lib/i18n/index.svelte';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** Monday … Sunday, as in WeeklyHours. */
export function weekdayName(day: number): string {
	return t(`weekday.${day}` as MessageKey);
}

/** "on Monday" (lv "pirmdien"), for "opens on Monday at 8:30". */
export function weekdayOn(day: number): string {
	return t(`weekday.on.${day}` as MessageKey);
}

/** One day's intervals as '8:00–12:00, 12:30–17:00', or 'Closed'. */
export function dayHoursText(intervals: readonly OpeningInterval[]): string {
	if (intervals.length === 0) return t('officeInfo.closed');
	return intervals.map((i) => `${formatTime(i.from)}–${formatTime(i.to)}`).join(', ');
}

export function weekRows(hours: WeeklyHours): { day: number; name: string; text: string }[] {
	return WEEKDAYS.map((day) => ({ day, name: weekdayName(day), text: dayHoursText(hours[day] ?? []) }));
}

/**
 * Whether an office is open now, and until when or from when, in the reader's language; on a
 * holiday closure it says so first.
 */
export function openingText(hours: WeeklyHours, now: number, closures: readonly string[] = []): { open: boolean; text: string } {
	const s = openingStatus(hours, now, undefined, closures);
	if (s.state === 'open') return { open: true, text: t('officeInfo.openUntil', { time: formatTime(s.closesAt) }) };
	const holiday = s.holiday ? `${t('officeInfo.holidayToday')} ` : '';
	if (!s.opensAt) return { open: false, text: holiday + t('officeInfo.closed') };
	const time = formatTime(s.opensAt.time);
	if (s.opensAt.daysAhead === 0) return { open: false, text: holiday + t('officeInfo.closedOpensToday', { time }) };
	if (s.opensAt.daysAhead === 1) return { open: false, text: holiday + t('officeInfo.closedOpensTomorrow', { time }) };
	return { open: false, text: holiday + t('officeInfo.closedOpensOn', { weekday: weekdayOn(s.opensAt.weekday), time }) };
}

/** Short day names (lv 'P', 'O' …; en 'Mon', 'Tue' …) for the compact week. */
export function weekdayShort(day: number): string {
	return t(`weekday.short.${day}` as MessageKey);
}

/**
 * The week on one line, consecutive days with the same hours run together:
 * 'P 8:00–18:00; O–C 8:00–17:00; Pk 8:00–16:00; S–Sv slēgts'. For the printed leaflet.
 */
export function compactWeek(hours: WeeklyHours): string {
	const groups: { from: number; to: number; text: string }[] = [];
	for (const day of WEEKDAYS) {
		const text = dayHoursText(hours[day] ?? []);
		const last = groups.at(-1);
		if (last && last.text === text) last.to = day;
		else groups.push({ from: day, to: day, text });
	}
	return groups
		.map((g) => {
			const days = g.from === g.to ? weekdayShort(g.from) : `${weekdayShort(g.from)}–${weekdayShort(g.to)}`;
			const text = (hours[g.from] ?? []).length === 0 ? g.text.toLocaleLowerCase() : g.text;
			return `${days} ${text}`;
		})
		.join('; ');
}
