/**
 * Initiatives imported from JSON (format in the README, "Back office"): every row checked as
 * the form checks it, a dry run that writes nothing, and a real run in one transaction.
 */
import {
	checkTransition,
	isInitiativeStatus,
	transitionEffects,
	type InitiativeStatus
} from '../../../src/lib/domain/initiative-status';
import { isMunicipalityCode, MUNICIPALITIES } from '../../../src/lib/domain/municipalities';
import { initiativesBySlugs, updateInitiativeRow } from '../../repositories/admin-catalog';
import { nextCatalogVersion } from '../../repositories/catalog-meta';
import { appendAuditBy, type Actor } from '../audit';
import { insertNewInitiative } from '../catalog-create';
import {
	changedFields,
	parseInitiativeForm,
	rowValues,
	type InitiativeForm,
	type InitiativeRow,
	type ParsedInitiative
} from './initiative-form';
import { FORM, hasProblems, type DatabaseApp, text, type Problems } from './problems';

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
				const made = await insertNewInitiative(trx, values, p.status, {
					actor: o.actor,
					action: 'initiative.import',
					version,
					now,
					details: { action: 'create' }
				});
				if (!made.ok) throw new Error(`slug ${values.slug} was taken during the import`);
			}
		}
	});
	report.written = true;
	return report;
}
