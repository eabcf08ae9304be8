/**
 * Offices (KAC signing points) and libraries (information points) in the back office:
 * address, municipality, weekly hours, holiday closures; create, edit, import from CSV.
 * Every change takes the next catalog version and appends its audit entry in one transaction.
 */
import type { Selectable } from 'kysely';
import { parseClosures, parseWeeklyHours, WEEKDAY_KEYS, weeklyHoursTexts, type WeekdayKey } from '../../../src/lib/domain/hours-text';
import { parseCoordinates } from '../../../src/lib/domain/distance';
import { isMunicipalityCode, MUNICIPALITIES } from '../../../src/lib/domain/municipalities';
import type { WeeklyHours } from '../../../src/lib/domain/opening-hours';
import type { App } from '../../app-context';
import type { OfficeTable } from '../../db/schema';
import { officesBySlugs, updateOfficeRow } from '../../repositories/admin-catalog';
import { nextCatalogVersion } from '../../repositories/catalog-meta';
import { officeById } from '../../repositories/offices';
import { appendAuditBy, type Actor } from '../audit';
import { insertNewOffice } from '../catalog-create';
import { CsvParseError, parseCsv } from './csv';
import { FORM, hasProblems, type DatabaseApp, type Problems } from './problems';

export type OfficeRow = Selectable<OfficeTable>;

export const OFFICE_FORM_FIELDS = [
	'slug',
	'kind',
	'nameLv',
	'nameEn',
	'municipality',
	'address',
	'lat',
	'lon',
	'phone',
	'email',
	...WEEKDAY_KEYS,
	'closures',
	'active'
] as const;
export type OfficeFormField = (typeof OFFICE_FORM_FIELDS)[number];
export type OfficeForm = Record<OfficeFormField, string>;

export const EMPTY_OFFICE_FORM: OfficeForm = {
	slug: '',
	kind: 'kac',
	nameLv: '',
	nameEn: '',
	municipality: '',
	address: '',
	lat: '',
	lon: '',
	phone: '',
	email: '',
	mon: '08:30-17:00',
	tue: '08:30-17:00',
	wed: '08:30-17:00',
	thu: '08:30-17:00',
	fri: '08:30-16:00',
	sat: '',
	sun: '',
	closures: '',
	active: 'on'
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export function officeFormOf(r: OfficeRow): OfficeForm {
	const closures = JSON.parse(r.closures ?? '[]') as string[];
	return {
		slug: r.slug,
		kind: r.kind,
		nameLv: r.name_lv,
		nameEn: r.name_en,
		municipality: r.municipality,
		address: r.address,
		lat: r.lat === null ? '' : String(r.lat),
		lon: r.lon === null ? '' : String(r.lon),
		phone: r.phone,
		email: r.email ?? '',
		...weeklyHoursTexts(JSON.parse(r.hours) as WeeklyHours),
		closures: closures.map((d) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`).join(', '),
		active: r.active === 1 ? 'on' : ''
	};
}

export interface ParsedOffice {
	slug: string;
	kind: 'kac' | 'library';
	nameLv: string;
	nameEn: string;
	municipality: string;
	address: string;
	lat: number | null;
	lon: number | null;
	phone: string;
	email: string | null;
	hours: WeeklyHours;
	closures: string[];
	active: boolean;
}

/** A municipality as a code or as its Latvian or English name. */
export function municipalityFrom(input: string): string | null {
	const t = input.trim().toLowerCase();
	if (isMunicipalityCode(t)) return t;
	return MUNICIPALITIES.find((m) => m.lv.toLowerCase() === t || m.en.toLowerCase() === t)?.code ?? null;
}

export function parseOfficeForm(form: OfficeForm, existing?: OfficeRow): { ok: true; value: ParsedOffice } | { ok: false; problems: Problems } {
	const problems: Problems = {};
	// The address of its pages and what its devices are: fixed once the office exists.
	const slug = existing ? existing.slug : form.slug;
	const kind = existing ? existing.kind : form.kind;
	if (!slug) problems.slug = 'required';
	else if (slug.length < 3 || slug.length > 80 || !SLUG.test(slug)) problems.slug = 'slug_format';
	if (kind !== 'kac' && kind !== 'library') problems.kind = 'required';
	const required = (field: 'nameLv' | 'nameEn' | 'address' | 'phone', max: number) => {
		if (!form[field]) problems[field] = 'required';
		else if (form[field].length > max) problems[field] = 'too_long';
	};
	required('nameLv', 200);
	required('nameEn', 200);
	required('address', 300);
	required('phone', 40);
	if (form.phone && !problems.phone && !PHONE.test(form.phone)) problems.phone = 'phone_format';
	if (form.email && (!EMAIL.test(form.email) || form.email.length > 200)) problems.email = 'email_format';
	const municipality = form.municipality ? municipalityFrom(form.municipality) : null;
	if (!form.municipality) problems.municipality = 'required';
	else if (!municipality) problems.municipality = 'unknown_municipality';
	const hours = parseWeeklyHours(Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, form[k] ?? ''])) as Record<WeekdayKey, string>);
	if (!hours.ok) Object.assign(problems, hours.problems);
	const closures = parseClosures(form.closures);
	if (!closures.ok) problems.closures = closures.problem;
	const place = parseCoordinates(form.lat ?? '', form.lon ?? '');
	if (!place.ok) Object.assign(problems, place.problems);
	if (hasProblems(problems) || !hours.ok || !closures.ok || !place.ok || !municipality) return { ok: false, problems };
	return {
		ok: true,
		value: {
			slug,
			kind: kind as 'kac' | 'library',
			nameLv: form.nameLv,
			nameEn: form.nameEn,
			municipality,
			address: form.address,
			lat: place.place?.lat ?? null,
			lon: place.place?.lon ?? null,
			phone: form.phone,
			email: form.email || null,
			hours: hours.hours,
			closures: closures.dates,
			active: form.active === 'on' || form.active === '1' || form.active.toLowerCase() === 'true' || form.active.toLowerCase() === 'jā'
		}
	};
}

function rowValues(v: ParsedOffice) {
	return {
		slug: v.slug,
		kind: v.kind,
		name_lv: v.nameLv,
		name_en: v.nameEn,
		municipality: v.municipality,
		address: v.address,
		lat: v.lat,
		lon: v.lon,
		phone: v.phone,
		email: v.email,
		hours: JSON.stringify(v.hours),
		closures: JSON.stringify(v.closures),
		active: v.active ? 1 : 0
	};
}

function changedFields(before: OfficeRow, after: ReturnType<typeof rowValues>): string[] {
	return (Object.keys(after) as (keyof typeof after)[]).filter((k) => (before as Record<string, unknown>)[k] !== after[k]);
}

class Refused extends Error {
	constructor(readonly problems: Problems) {
		super('refused');
	}
}

export type SaveResult = { ok: true; id: string } | { ok: false; problems: Problems };

async function guarded(work: () => Promise<SaveResult>, id?: string): Promise<SaveResult> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof Refused) return hasProblems(e.problems) || !id ? { ok: false, problems: e.problems } : { ok: true, id };
		throw e;
	}
}

export function createOfficeAsAdmin(app: App, form: OfficeForm, actor: Actor): Promise<SaveResult> {
	const db = app.database.db;
	const now = app.now();
	const parsed = parseOfficeForm(form);
	if (!parsed.ok) return Promise.resolve(parsed);
	const values = rowValues(parsed.value);
	return guarded(() =>
		db.transaction().execute(async (trx) => {
			const version = await nextCatalogVersion(trx);
			const made = await insertNewOffice(trx, values, { actor, action: 'office.create', version, now });
			if (!made.ok) throw new Refused(made.problems);
			return made;
		})
	);
}

export function updateOfficeAsAdmin(app: App, id: string, form: OfficeForm, expectedVersion: number, actor: Actor): Promise<SaveResult> {
	const db = app.database.db;
	const now = app.now();
	return guarded(() =>
		db.transaction().execute(async (trx) => {
			const version = await nextCatalogVersion(trx);
			const existing = await officeById(trx, id);
			if (!existing) throw new Refused({ [FORM]: 'not_found' });
			if (Number(existing.version) !== expectedVersion) throw new Refused({ [FORM]: 'stale' });
			const parsed = parseOfficeForm(form, existing);
			if (!parsed.ok) throw new Refused(parsed.problems);
			const values = rowValues(parsed.value);
			const changed = changedFields(existing, values);
			// Nothing to save: roll the version back rather than make devices pull nothing.
			if (!changed.length) throw new Refused({});
			await updateOfficeRow(trx, id, { ...values, version, updated_at: now });
			await appendAuditBy(trx, actor, 'office.update', { type: 'office', id }, { slug: existing.slug, changed }, now);
			return { ok: true as const, id };
		}),
		id
	);
}

// ---------------------------------------------------------------------------------------------
// Import from CSV (columns in README, "Back office")
// ---------------------------------------------------------------------------------------------

/** CSV column → form field. Headings are matched without regard to case. */
export const OFFICE_CSV_COLUMNS: Record<string, OfficeFormField> = {
	slug: 'slug',
	kind: 'kind',
	name_lv: 'nameLv',
	name_en: 'nameEn',
	municipality: 'municipality',
	address: 'address',
	lat: 'lat',
	lon: 'lon',
	phone: 'phone',
	email: 'email',
	mon: 'mon',
	tue: 'tue',
	wed: 'wed',
	thu: 'thu',
	fri: 'fri',
	sat: 'sat',
	sun: 'sun',
	closures: 'closures',
	active: 'active'
};
const REQUIRED_COLUMNS = ['slug', 'kind', 'name_lv', 'name_en', 'municipality', 'address', 'phone'];

export interface OfficeImportRow {
	/** The line in the file (the heading is line 1). */
	line: number;
	slug: string;
	action: 'create' | 'update' | 'unchanged';
	problems: Problems;
}

export interface OfficeImportReport {
	ok: boolean;
	fileProblem: string | null;
	/** Required columns the heading lacks, or columns it has that we do not know. */
	columns: string[];
	rows: OfficeImportRow[];
	created: number;
	updated: number;
	written: boolean;
}

const MAX_IMPORT_ROWS = 2000;

export async function importOffices(app: DatabaseApp, csv: string, o: { dryRun: boolean; actor: Actor }): Promise<OfficeImportReport> {
	const db = app.database.db;
	const now = app.now();
	const report: OfficeImportReport = { ok: false, fileProblem: null, columns: [], rows: [], created: 0, updated: 0, written: false };
	let table: string[][];
	try {
		table = parseCsv(csv);
	} catch (e) {
		if (!(e instanceof CsvParseError)) throw e;
		report.fileProblem = 'csv_syntax';
		report.columns = [String(e.line)];
		return report;
	}
	if (table.length < 2) {
		report.fileProblem = 'empty';
		return report;
	}
	if (table.length - 1 > MAX_IMPORT_ROWS) {
		report.fileProblem = 'too_many_rows';
		return report;
	}
	const heading = table[0].map((h) => h.trim().toLowerCase());
	const unknown = heading.filter((h) => !(h in OFFICE_CSV_COLUMNS));
	const missing = REQUIRED_COLUMNS.filter((c) => !heading.includes(c));
	if (missing.length) {
		report.fileProblem = 'missing_columns';
		report.columns = missing;
		return report;
	}
	if (unknown.length) {
		report.fileProblem = 'unknown_columns';
		report.columns = unknown;
		return report;
	}

	const forms = table.slice(1).map((cells) => {
		const form: OfficeForm = { ...EMPTY_OFFICE_FORM, mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '', active: 'on' };
		heading.forEach((h, i) => {
			form[OFFICE_CSV_COLUMNS[h]] = (cells[i] ?? '').trim();
		});
		// In a CSV an empty or missing "active" means active; "0", "false" or "nē" closes it.
		if (!form.active) form.active = 'on';
		return { form, width: cells.length };
	});
	const existingBySlug = new Map((await officesBySlugs(db, forms.map((f) => f.form.slug).filter(Boolean))).map((r) => [r.slug, r]));
	const seen = new Set<string>();
	const planned: { report: OfficeImportRow; values?: ReturnType<typeof rowValues>; existing?: OfficeRow }[] = [];
	forms.forEach(({ form, width }, i) => {
		const existing = existingBySlug.get(form.slug);
		const row: OfficeImportRow = { line: i + 2, slug: form.slug, action: existing ? 'update' : 'create', problems: {} };
		if (width !== heading.length) row.problems[FORM] = 'column_count';
		if (form.slug && seen.has(form.slug)) row.problems.slug = 'duplicate_in_file';
		seen.add(form.slug);
		if (existing && form.kind && form.kind !== existing.kind) row.problems.kind = 'kind_locked';
		const parsed = parseOfficeForm(form, existing);
		if (!parsed.ok) row.problems = { ...parsed.problems, ...row.problems };
		let values: ReturnType<typeof rowValues> | undefined;
		if (parsed.ok) {
			values = rowValues(parsed.value);
			if (existing && !hasProblems(row.problems) && !changedFields(existing, values).length) row.action = 'unchanged';
		}
		planned.push({ report: row, values, existing });
	});
	report.rows = planned.map((p) => p.report);
	report.ok = report.rows.every((r) => !hasProblems(r.problems));
	report.created = report.rows.filter((r) => r.action === 'create').length;
	report.updated = report.rows.filter((r) => r.action === 'update').length;
	if (!report.ok || o.dryRun) return report;

	await db.transaction().execute(async (trx) => {
		const version = await nextCatalogVersion(trx);
		for (const p of planned) {
			if (!p.values || p.report.action === 'unchanged') continue;
			if (p.existing) {
				const changed = changedFields(p.existing, p.values);
				await updateOfficeRow(trx, p.existing.id, { ...p.values, version, updated_at: now });
				await appendAuditBy(trx, o.actor, 'office.import', { type: 'office', id: p.existing.id }, { slug: p.values.slug, action: 'update', changed }, now);
			} else {
				const made = await insertNewOffice(trx, p.values, { actor: o.actor, action: 'office.import', version, now, details: { action: 'create' } });
				if (!made.ok) throw new Error(`slug ${p.values.slug} was taken during the import`);
			}
		}
	});
	report.written = true;
	return report;
}
