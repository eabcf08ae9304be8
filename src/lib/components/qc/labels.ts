/** Texts of QC values (sources, outcomes, signals, flag reasons), through the i18n layer. */
import { formatDate } from '$lib/domain/format';
import { getLocale, t, type MessageKey } from '$lib/i18n/index.svelte';

export function sourceText(source: string): string {
	return t(`qc.source.${source}` as MessageKey);
}

export function outcomeText(outcome: string | null, status?: string): string {
	if (status === 'expired') return t('qc.status.expired');
	return outcome ? t(`qc.outcome.${outcome}` as MessageKey) : '—';
}

export function signalText(signal: string): string {
	return t(`qc.signal.${signal}` as MessageKey);
}

export function reasonText(reason: string | null): string {
	return reason ? t(`qc.reason.${reason}` as MessageKey) : '—';
}

const percent = (x: unknown) => `${(Number(x) * 100).toFixed(1).replace('.', getLocale() === 'lv' ? ',' : '.')} %`;

/** Why a flag was raised, in words, from the numbers stored with it. */
export function flagReason(signal: string, details: Record<string, string | number | boolean>): string {
	const d = details;
	const locale = getLocale();
	switch (signal) {
		case 'visits_per_day':
			return Number(d.baseline) > 0
				? t('qc.why.visits_per_day', { count: Number(d.count), day: formatDate(String(d.day), locale), baseline: String(d.baseline).replace('.', locale === 'lv' ? ',' : '.') })
				: t('qc.why.visits_per_day.new', { count: Number(d.count), day: formatDate(String(d.day), locale) });
		case 'outside_hours':
			return t(d.closure ? 'qc.why.outside_hours.closure' : 'qc.why.outside_hours', { date: formatDate(String(d.date), locale), time: String(d.time) });
		case 'short_window':
			return t('qc.why.short_window', { signatures: Number(d.signatures), seconds: Number(d.seconds) });
		case 'shared_phone':
			return t('qc.why.shared_phone', { persons: Number(d.persons), visits: Number(d.visits) });
		case 'offline':
			return t('qc.why.offline', { hours: Number(d.hours) });
		case 'clock_offset':
			return d.future ? t('qc.why.clock_offset.future') : t('qc.why.clock_offset', { minutes: Number(d.minutes) });
		case 'denial_rate':
			return t('qc.why.denial_rate', { denied: Number(d.denied), completed: Number(d.completed), low: percent(d.low), high: percent(d.high) });
		case 'denied_call':
			return t('qc.why.denied_call', { revoked: Number(d.revoked) });
		case 'citizen_report':
			return t('qc.why.citizen_report');
		case 'error_rate':
			return t('qc.why.error_rate', { low: percent(d.low), high: percent(d.high), threshold: percent(d.threshold) });
		default:
			return signal;
	}
}

export { percent };
