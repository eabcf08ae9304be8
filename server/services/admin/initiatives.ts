/**
 * Initiatives in the back office: create, edit, move through their statuses, import. Every
 * change takes the next catalog version (so devices pull it) and appends its audit entry in
 * the same transaction.
 */
import type { Selectable } from 'kysely';
import { addDays, rigaDateOf } from '../../../src/lib/domain/dates';
import { startOfDay } from '../../../src/lib/domain/billing';
import { formatDate } from '../../../src/lib/domain/format';
import { parseDate } from '../../../src/lib/domain/hours-text';
import { eligibilityOf, initiativeFields } from '../../../src/lib/domain/initiative';
import {
	checkTransition,
	editableFields,
	isInitiativeStatus,
	transitionEffects,
	type InitiativeStatus,
	type TransitionProblem
} from '../../../src/lib/domain/initiative-status';
import { isMunicipalityCode, MUNICIPALITIES } from '../../../src/lib/domain/municipalities';
import type { App } from '../../app';
import type { InitiativeTable } from '../../db/schema';
import { renderMarkdown } from '../../markdown';
import { initiativesBySlugs, updateInitiativeRow } from '../../repositories/admin-catalog';
import { nextCatalogVersion } from '../../repositories/catalog-meta';
import { initiativeById, initiativeBySlug, insertInitiative } from '../../repositories/initiatives';
import { appendAuditBy, type Actor } from '../audit';
import { FORM, hasProblems, type DatabaseApp, parseWholeNumber, problemCode, text, type Problems } from './problems';

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

function rowValues(v: ParsedInitiative) {
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
function changedFields(before: InitiativeRow, after: ReturnType<typeof rowValues>): string[] {
	return (Object.keys(after) as (keyof typeof after)[]).filter(
		(k) => !k.startsWith('body_html') && (before as Record<string, unknown>)[k] !== after[k]
	);
}

export type SaveResult = { ok: true; id: string } | { ok: false; problems: Problems };

class Refused extends Error {
	constructor(readonly problems: Problems) {
		super('refused');
	}
}

async function refusedAsResult(work: () => Promise<SaveResult>, id?: string): Promise<SaveResult> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof Refused) return hasProblems(e.problems) || !id ? { ok: false, problems: e.problems } : { ok: true, id };
		throw e;
	}
}

/** New initiatives start as drafts; they go public when opened. */
export async function createInitiativeAsAdmin(app: App, form: InitiativeForm, actor: Actor): Promise<SaveResult> {
	const db = app.database.db;
	const now = app.now();
	const parsed = parseInitiativeForm(form, { status: 'draft', now });
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return refusedAsResult(() =>
		db.transaction().execute(async (trx) => {
			const version = await nextCatalogVersion(trx);
			if (await initiativeBySlug(trx, v.slug)) throw new Refused({ slug: 'slug_taken' });
			const id = crypto.randomUUID();
			await insertInitiative(trx, { id, ...rowValues(v), status: 'draft', version, created_at: now, updated_at: now });
			await appendAuditBy(trx, actor, 'initiative.create', { type: 'initiative', id }, { slug: v.slug, status: 'draft' }, now);
			return { ok: true as const, id };
		})
	);
}

/**
 * Saves an edit. `expectedVersion` is the version the form was loaded at: if someone changed
 * the initiative since, nothing is saved and the form says so (no silent overwrite).
 */
export async function updateInitiativeAsAdmin(
	app: App,
	id: string,
	form: InitiativeForm,
	expectedVersion: number,
	actor: Actor
): Promise<SaveResult> {
	const db = app.database.db;
	const now = app.now();
	return refusedAsResult(() =>
		db.transaction().execute(async (trx) => {
			// Taking the version first holds other catalog writers until we commit.
			const version = await nextCatalogVersion(trx);
			const existing = await initiativeById(trx, id);
			if (!existing) throw new Refused({ [FORM]: 'not_found' });
			if (Number(existing.version) !== expectedVersion) throw new Refused({ [FORM]: 'stale' });
			const parsed = parseInitiativeForm(form, { existing, status: existing.status as InitiativeStatus, now });
			if (!parsed.ok) throw new Refused(parsed.problems);
			const values = rowValues(parsed.value);
			if (values.slug !== existing.slug && (await initiativeBySlug(trx, values.slug))) throw new Refused({ slug: 'slug_taken' });
			const changed = changedFields(existing, values);
			// Nothing to save: roll the version back rather than make devices pull nothing.
			if (!changed.length) throw new Refused({});
			await updateInitiativeRow(trx, id, { ...values, version, updated_at: now });
			await appendAuditBy(trx, actor, 'initiative.update', { type: 'initiative', id }, { slug: values.slug, changed }, now);
			return { ok: true as const, id };
		}),
		id
	);
}

export type StatusResult =
	| { ok: true; status: InitiativeStatus }
	| { ok: false; problem: TransitionProblem | 'not_found'; from?: InitiativeStatus };

/** Moves an initiative one step along draft → open → closed → submitted, or says why not. */
export async function changeInitiativeStatus(app: App, id: string, to: unknown, actor: Actor): Promise<StatusResult> {
	const db = app.database.db;
	const now = app.now();
	class StatusRefused extends Error {
		constructor(readonly result: Extract<StatusResult, { ok: false }>) {
			super('refused');
		}
	}
	try {
		return await db.transaction().execute(async (trx): Promise<StatusResult> => {
			const version = await nextCatalogVersion(trx);
			const row = await initiativeById(trx, id);
			if (!row) throw new StatusRefused({ ok: false, problem: 'not_found' });
			const from = row.status as InitiativeStatus;
			const ctx = { now, closesAt: Number(row.closes_at) };
			const check = checkTransition(from, to, ctx);
			if (!check.ok) throw new StatusRefused({ ok: false, problem: check.problem, from });
			const target = to as InitiativeStatus;
			const effects = transitionEffects(target, ctx);
			await updateInitiativeRow(trx, id, {
				status: target,
				version,
				updated_at: now,
				...(effects.closesAt !== undefined ? { closes_at: effects.closesAt } : {}),
				...(effects.submittedAt !== undefined ? { submitted_at: effects.submittedAt } : {})
			});
			await appendAuditBy(trx, actor, 'initiative.status', { type: 'initiative', id }, { slug: row.slug, from, to: target, ...effects }, now);
			return { ok: true, status: target };
		});
	} catch (e) {
		// Thrown to roll the version back: a refused change leaves no trace.
		if (e instanceof StatusRefused) return e.result;
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------
// Import from JSON (format in README, "Back office")
// ---------------------------------------------------------------------------------------------

export interface ImportRowReport {
	/** 1-based position in the file. */
	row: number;
	slug: string;
	action: 'create' | 'update' | 'unchanged';
	problems: Problems;
}

export interface ImportReport {
	ok: boolean;
	/** Problems of the file as a whole (not JSON, not a list). */
	fileProblem: string | null;
	rows: ImportRowReport[];
	created: number;
	updated: number;
	/** True when the import was written (never on a dry run or with any problem). */
	written: boolean;
}

function localized(value: unknown, lang: 'lv' | 'en'): string {
	if (value && typeof value === 'object' && !Array.isArray(value)) return text((value as Record<string, unknown>)[lang]);
	return '';
}

/** One JSON object in the documented format → the form's fields, and the status it asks for. */
function formOfJson(o: Record<string, unknown>): { form: InitiativeForm; status: unknown } {
	const municipalityText = text(o.municipality);
	const municipality =
		MUNICIPALITIES.find((m) => m.code === municipalityText || m.lv.toLowerCase() === municipalityText.toLowerCase())?.code ??
		municipalityText;
	return {
		form: {
			slug: text(o.slug),
			titleLv: localized(o.title, 'lv'),
			titleEn: localized(o.title, 'en'),
			summaryLv: localized(o.summary, 'lv'),
			summaryEn: localized(o.summary, 'en'),
			bodyLv: localized(o.body, 'lv'),
			bodyEn: localized(o.body, 'en'),
			scope: text(o.scope),
			municipality: isMunicipalityCode(municipality) ? municipality : municipalityText,
			goal: text(o.goal),
			onlineCount: o.onlineCount === undefined ? '0' : text(o.onlineCount),
			opens: text(o.opens),
			closes: text(o.closes)
		},
		status: o.status === undefined ? undefined : o.status
	};
}

const MAX_IMPORT_ROWS = 1000;

/**
 * Checks every row of an import and, unless `dryRun` or any row has a problem, writes them all
 * in one transaction. Rows are matched to existing initiatives by slug: an existing one is
 * updated (its status may move one valid step), a new one is created (in the status it names,
 * draft by default: an import may bring initiatives that already run elsewhere).
 */
export async function importInitiatives(app: DatabaseApp, json: string, o: { dryRun: boolean; actor: Actor }): Promise<ImportReport> {
	const db = app.database.db;
	const now = app.now();
	const report: ImportReport = { ok: false, fileProblem: null, rows: [], created: 0, updated: 0, written: false };
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		report.fileProblem = 'not_json';
		return report;
	}
	const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as Record<string, unknown>).initiatives : null;
	if (!Array.isArray(list)) {
		report.fileProblem = 'not_a_list';
		return report;
	}
	if (list.length === 0) {
		report.fileProblem = 'empty';
		return report;
	}
	if (list.length > MAX_IMPORT_ROWS) {
		report.fileProblem = 'too_many_rows';
		return report;
	}

	const slugs = list.map((item) => (item && typeof item === 'object' ? text((item as Record<string, unknown>).slug) : ''));
	const existingBySlug = new Map((await initiativesBySlugs(db, slugs.filter(Boolean))).map((r) => [r.slug, r]));
	const seen = new Set<string>();
	const planned: { report: ImportRowReport; value?: ParsedInitiative; existing?: InitiativeRow; status: InitiativeStatus }[] = [];

	list.forEach((item, i) => {
		const row: ImportRowReport = { row: i + 1, slug: slugs[i], action: 'create', problems: {} };
		if (!item || typeof item !== 'object' || Array.isArray(item)) {
			row.problems[FORM] = 'not_an_object';
			planned.push({ report: row, status: 'draft' });
			return;
		}
		const { form, status } = formOfJson(item as Record<string, unknown>);
		const existing = existingBySlug.get(form.slug);
		let target: InitiativeStatus = existing ? (existing.status as InitiativeStatus) : 'draft';
		if (status !== undefined) {
			if (!isInitiativeStatus(status)) row.problems.status = 'unknown_status';
			else if (existing && status !== existing.status) {
				const check = checkTransition(existing.status as InitiativeStatus, status, { now, closesAt: Number(existing.closes_at) });
				if (!check.ok) row.problems.status = check.problem;
				else target = status;
			} else target = status;
		}
		if (form.slug && seen.has(form.slug)) row.problems.slug = 'duplicate_in_file';
		seen.add(form.slug);
		const parsed = parseInitiativeForm(form, { existing, status: existing ? (existing.status as InitiativeStatus) : target, now });
		if (!parsed.ok) row.problems = { ...parsed.problems, ...row.problems };
		if (!existing && target === 'open' && parsed.ok && parsed.value.closesAt <= now) row.problems.status ??= 'ends_in_past';
		row.action = existing ? 'update' : 'create';
		if (parsed.ok && existing && target === existing.status && !changedFields(existing, rowValues(parsed.value)).length) {
			row.action = 'unchanged';
		}
		planned.push({ report: row, value: parsed.ok ? parsed.value : undefined, existing, status: target });
	});

	report.rows = planned.map((p) => p.report);
	report.ok = report.rows.every((r) => !hasProblems(r.problems));
	report.created = report.rows.filter((r) => r.action === 'create').length;
	report.updated = report.rows.filter((r) => r.action === 'update').length;
	if (!report.ok || o.dryRun) return report;

	await db.transaction().execute(async (trx) => {
		const version = await nextCatalogVersion(trx);
		for (const p of planned) {
			if (!p.value || p.report.action === 'unchanged') continue;
			const values = rowValues(p.value);
			if (p.existing) {
				const changed = changedFields(p.existing, values);
				const effects = p.status !== p.existing.status ? transitionEffects(p.status, { now, closesAt: values.closes_at }) : {};
				await updateInitiativeRow(trx, p.existing.id, {
					...values,
					status: p.status,
					version,
					updated_at: now,
					...(effects.closesAt !== undefined ? { closes_at: effects.closesAt } : {}),
					...(effects.submittedAt !== undefined ? { submitted_at: effects.submittedAt } : {})
				});
				await appendAuditBy(
					trx,
					o.actor,
					'initiative.import',
					{ type: 'initiative', id: p.existing.id },
					{ slug: values.slug, action: 'update', changed, ...(p.status !== p.existing.status ? { from: p.existing.status, to: p.status } : {}) },
					now
				);
			} else {
				if (await initiativeBySlug(trx, values.slug)) throw new Error(`slug ${values.slug} was taken during the import`);
				const id = crypto.randomUUID();
				await insertInitiative(trx, {
					id,
					...values,
					status: p.status,
					version,
					created_at: now,
					updated_at: now,
					submitted_at: p.status === 'submitted' ? now : null
				});
				await appendAuditBy(trx, o.actor, 'initiative.import', { type: 'initiative', id }, { slug: values.slug, action: 'create', status: p.status }, now);
			}
		}
	});
	report.written = true;
	return report;
}
