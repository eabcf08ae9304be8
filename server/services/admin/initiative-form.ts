/**
 * The back office's initiative form: its fields as typed, the form filled from a stored
 * initiative, and the parse that names each field's problem or gives the values to store.
 */
import type { Selectable } from 'kysely';
import { addDays, rigaDateOf } from '../../../src/lib/domain/dates';
import { startOfDay } from '../../../src/lib/domain/billing';
import { formatDate } from '../../../src/lib/domain/format';
import { parseDate } from '../../../src/lib/domain/hours-text';
import { eligibilityOf, initiativeFields } from '../../../src/lib/domain/initiative';
import { editableFields, type InitiativeStatus } from '../../../src/lib/domain/initiative-status';
import type { InitiativeTable } from '../../db/schema';
import { renderMarkdown } from '../../markdown';
import { FORM, hasProblems, parseWholeNumber, problemCode, text, type Problems } from './problems';

export type InitiativeRow = Selectable<InitiativeTable>;

export const INITIATIVE_FORM_FIELDS = [
	'slug',
	'titleLv',
	'titleEn',
	'summaryLv',
	'summaryEn',
	'bodyLv',
	'bodyEn',
	'scope',
	'municipality',
	'goal',
	'onlineCount',
	'opens',
	'closes'
] as const;
export type InitiativeFormField = (typeof INITIATIVE_FORM_FIELDS)[number];
/** The form as typed: every field text. */
export type InitiativeForm = Record<InitiativeFormField, string>;

export const EMPTY_INITIATIVE_FORM: InitiativeForm = {
	slug: '',
	titleLv: '',
	titleEn: '',
	summaryLv: '',
	summaryEn: '',
	bodyLv: '',
	bodyEn: '',
	scope: 'national',
	municipality: '',
	goal: '10000',
	onlineCount: '0',
	opens: '',
	closes: ''
};

/** Dates are whole days in Riga: opens at the start of the first, closes at the end of the last. */
function opensAtOf(date: string) {
	return startOfDay(date);
}
function closesAtOf(lastDay: string) {
	return startOfDay(addDays(lastDay, 1));
}
export function lastDayOf(closesAt: number): string {
	return rigaDateOf(closesAt - 1);
}

/** The form filled from a stored initiative (dates as dd.mm.yyyy, the last day inclusive). */
export function initiativeFormOf(r: InitiativeRow): InitiativeForm {
	return {
		slug: r.slug,
		titleLv: r.title_lv,
		titleEn: r.title_en,
		summaryLv: r.summary_lv,
		summaryEn: r.summary_en,
		bodyLv: r.body_lv,
		bodyEn: r.body_en,
		scope: r.scope,
		municipality: r.municipality ?? '',
		goal: String(r.goal),
		onlineCount: String(r.online_count),
		opens: formatDate(r.opens_at, 'lv'),
		closes: formatDate(lastDayOf(r.closes_at), 'lv')
	};
}

export interface ParsedInitiative {
	slug: string;
	titleLv: string;
	titleEn: string;
	summaryLv: string;
	summaryEn: string;
	bodyLv: string;
	bodyEn: string;
	scope: 'national' | 'municipal';
	municipality: string | null;
	goal: number;
	onlineCount: number;
	opensAt: number;
	closesAt: number;
}

/**
 * Checks a typed form (or an imported row in the same shape). With `existing`, the fields its
 * status locks are taken from it, whatever was sent, and a date left as shown keeps its exact
 * stored time.
 */
export function parseInitiativeForm(
	form: InitiativeForm,
	o: { existing?: InitiativeRow; status: InitiativeStatus; now: number }
): { ok: true; value: ParsedInitiative } | { ok: false; problems: Problems } {
	const problems: Problems = {};
	const existing = o.existing;
	const may = existing ? editableFields(existing.status as InitiativeStatus) : editableFields('draft');
	const keep = existing ? initiativeFormOf(existing) : null;
	const f: InitiativeForm = { ...form };
	if (keep) {
		if (!may.slug) f.slug = keep.slug;
		if (!may.scope) {
			f.scope = keep.scope;
			f.municipality = keep.municipality;
		}
		if (!may.opensAt) f.opens = keep.opens;
		if (!may.closesAt) f.closes = keep.closes;
		if (!may.goal) f.goal = keep.goal;
		if (!may.onlineCount) f.onlineCount = keep.onlineCount;
		if (!may.texts) {
			for (const k of ['titleLv', 'titleEn', 'summaryLv', 'summaryEn', 'bodyLv', 'bodyEn'] as const) f[k] = keep[k];
		}
	}

	const goal = parseWholeNumber(f.goal);
	if (!f.goal) problems.goal = 'required';
	else if (goal === null) problems.goal = 'number_format';
	const onlineCount = f.onlineCount ? parseWholeNumber(f.onlineCount) : 0;
	if (onlineCount === null) problems.onlineCount = 'number_format';

	const opensDate = f.opens ? parseDate(f.opens) : null;
	if (!f.opens) problems.opens = 'required';
	else if (!opensDate) problems.opens = 'date_format';
	const closesDate = f.closes ? parseDate(f.closes) : null;
	if (!f.closes) problems.closes = 'required';
	else if (!closesDate) problems.closes = 'date_format';

	let opensAt = opensDate ? opensAtOf(opensDate) : 0;
	let closesAt = closesDate ? closesAtOf(closesDate) : 0;
	if (existing && keep) {
		if (opensDate && f.opens && parseDate(keep.opens) === opensDate) opensAt = existing.opens_at;
		if (closesDate && f.closes && parseDate(keep.closes) === closesDate) closesAt = existing.closes_at;
	}
	if (existing?.status === 'open' && closesDate && closesAt !== existing.closes_at && closesAt <= o.now) {
		problems.closes = 'closes_in_past';
	}

	const scope = f.scope === 'municipal' ? 'municipal' : f.scope === 'national' ? 'national' : null;
	if (!scope) problems.scope = 'required';
	const municipality = scope === 'municipal' ? f.municipality || null : null;

	const candidate = {
		slug: f.slug,
		titleLv: f.titleLv,
		titleEn: f.titleEn,
		summaryLv: f.summaryLv,
		summaryEn: f.summaryEn,
		bodyLv: f.bodyLv,
		bodyEn: f.bodyEn,
		scope: scope ?? 'national',
		municipality,
		status: o.status,
		opensAt: opensDate ? opensAt : 0,
		closesAt: closesDate ? closesAt : 1,
		goal: goal ?? 1,
		onlineCount: onlineCount ?? 0
	};
	const parsed = initiativeFields.safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? FORM);
			const name = field === 'opensAt' ? 'opens' : field === 'closesAt' ? 'closes' : field;
			// Dates already reported as missing or malformed keep that message.
			if (!(name in problems)) problems[name] = problemCode(issue.message);
		}
	}
	if (hasProblems(problems) || !parsed.success || !scope) return { ok: false, problems };
	const v = parsed.data;
	return {
		ok: true,
		value: {
			slug: v.slug,
			titleLv: v.titleLv,
			titleEn: v.titleEn,
			summaryLv: v.summaryLv,
			summaryEn: v.summaryEn,
			bodyLv: v.bodyLv,
			bodyEn: v.bodyEn,
			scope: v.scope,
			municipality: v.scope === 'municipal' ? v.municipality : null,
			goal: v.goal,
			onlineCount: v.onlineCount,
			opensAt: v.opensAt,
			closesAt: v.closesAt
		}
	};
}

export function rowValues(v: ParsedInitiative) {
	return {
		slug: v.slug,
		title_lv: v.titleLv,
		title_en: v.titleEn,
		summary_lv: v.summaryLv,
		summary_en: v.summaryEn,
		body_lv: v.bodyLv,
		body_en: v.bodyEn,
		body_html_lv: renderMarkdown(v.bodyLv),
		body_html_en: renderMarkdown(v.bodyEn),
		scope: v.scope,
		municipality: v.municipality,
		eligibility: eligibilityOf(v.scope),
		opens_at: v.opensAt,
		closes_at: v.closesAt,
		goal: v.goal,
		online_count: v.onlineCount
	};
}

/** Names of the stored fields that differ: what the audit entry of an edit lists. */
export function changedFields(before: InitiativeRow, after: ReturnType<typeof rowValues>): string[] {
	return (Object.keys(after) as (keyof typeof after)[]).filter(
		(k) => !k.startsWith('body_html') && (before as Record<string, unknown>)[k] !== after[k]
	);
}
