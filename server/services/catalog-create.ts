/**
 * The one way an initiative or an office comes into being (issue 12 §3). The admin forms, the
 * JSON and CSV imports, the seed and the CLI's demo load, and the test kit all end in
 * `insertNewInitiative` / `insertNewOffice`: a slug check, the row, and its audit entry, in the
 * caller's transaction and under the catalog version the caller took. So nothing enters the
 * catalog without a trace of who made it, and there is one slug rule and one row mapper.
 *
 * `createInitiative` / `createOffice` are the typed entry for code (seed, CLI, tests): they
 * validate with the domain's rules and open the transaction themselves.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Insertable, Kysely } from 'kysely';
import { initiativeFields, type InitiativeFields } from '../../src/lib/domain/initiative';
import type { InitiativeStatus } from '../../src/lib/domain/initiative-status';
import { isMunicipalityCode } from '../../src/lib/domain/municipalities';
import { isValidWeeklyHours, type WeeklyHours } from '../../src/lib/domain/opening-hours';
import type { Database, InitiativeTable, OfficeTable } from '../db/schema';
import { nextCatalogVersion } from '../repositories/catalog-meta';
import { initiativeBySlug, insertInitiative } from '../repositories/initiatives';
import { insertOffice, officeBySlug } from '../repositories/offices';
import { appendAuditBy, SYSTEM_ACTOR, type Actor } from './audit';
import { rowValues as initiativeRowValues } from './admin/initiative-form';
import { catalogChanged, ValidationError } from './catalog';

type Made = 'id' | 'status' | 'version' | 'created_at' | 'updated_at' | 'submitted_at' | 'identities_purged_at';
export type NewInitiativeRow = Omit<Insertable<InitiativeTable>, Made>;
export type NewOfficeRow = Omit<Insertable<OfficeTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export type Created = { ok: true; id: string } | { ok: false; problems: { slug: 'slug_taken' } };

interface HowMade {
	actor: Actor;
	/** The audit action: `initiative.create` / `office.create`, or `*.import`. */
	action: string;
	/** The catalog version the caller's transaction took (nextCatalogVersion). */
	version: number;
	now: number;
	/** More for the audit entry (an import says `action: 'create'`). */
	details?: Record<string, unknown>;
}

export async function insertNewInitiative(
	trx: Kysely<Database>,
	values: NewInitiativeRow,
	status: InitiativeStatus,
	how: HowMade
): Promise<Created> {
	if (await initiativeBySlug(trx, values.slug)) return { ok: false, problems: { slug: 'slug_taken' } };
	const id = uuidv7();
	const { now, version } = how;
	await insertInitiative(trx, {
		id,
		...values,
		status,
		version,
		created_at: now,
		updated_at: now,
		// Retention counts from the hand-over: one made already submitted was handed over now.
		submitted_at: status === 'submitted' ? now : null
	});
	await appendAuditBy(trx, how.actor, how.action, { type: 'initiative', id }, { slug: values.slug, status, ...how.details }, now);
	return { ok: true, id };
}

export async function insertNewOffice(trx: Kysely<Database>, values: NewOfficeRow, how: HowMade): Promise<Created> {
	if (await officeBySlug(trx, values.slug)) return { ok: false, problems: { slug: 'slug_taken' } };
	const id = uuidv7();
	await insertOffice(trx, { id, ...values, version: how.version, created_at: how.now, updated_at: how.now });
	await appendAuditBy(trx, how.actor, how.action, { type: 'office', id }, { slug: values.slug, kind: values.kind, ...how.details }, how.now);
	return { ok: true, id };
}

/** Typed creation (seed, CLI, tests): checked by domain/initiative.ts, audited as `actor`. */
export async function createInitiative(
	db: Kysely<Database>,
	input: InitiativeFields,
	now: number,
	actor: Actor = SYSTEM_ACTOR
): Promise<string> {
	const parsed = initiativeFields.safeParse(input);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
		throw new ValidationError(`Initiative "${input.slug}" is not valid`, issues);
	}
	const v = parsed.data;
	const values = initiativeRowValues({ ...v, municipality: v.scope === 'municipal' ? v.municipality : null });
	const made = await db.transaction().execute(async (trx) => {
		const version = await nextCatalogVersion(trx);
		return insertNewInitiative(trx, values, v.status, { actor, action: 'initiative.create', version, now });
	});
	if (!made.ok) throw new ValidationError(`Initiative "${input.slug}" exists`, [{ path: 'slug', message: 'slug_taken' }]);
	catalogChanged(db);
	return made.id;
}

export interface OfficeFields {
	slug: string;
	kind: 'kac' | 'library';
	nameLv: string;
	nameEn: string;
	municipality: string;
	address: string;
	lat?: number | null;
	lon?: number | null;
	phone: string;
	email: string | null;
	hours: WeeklyHours;
}

/** Typed creation (seed, CLI, tests), audited as `actor`. */
export async function createOffice(
	db: Kysely<Database>,
	input: OfficeFields,
	now: number,
	actor: Actor = SYSTEM_ACTOR
): Promise<string> {
	const issues: { path: string; message: string }[] = [];
	if (!isMunicipalityCode(input.municipality)) issues.push({ path: 'municipality', message: 'unknown_municipality' });
	if (!isValidWeeklyHours(input.hours)) issues.push({ path: 'hours', message: 'invalid_hours' });
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(input.slug)) issues.push({ path: 'slug', message: 'slug_format' });
	if (issues.length) throw new ValidationError(`Office "${input.slug}" is not valid`, issues);
	const values: NewOfficeRow = {
		slug: input.slug,
		kind: input.kind,
		name_lv: input.nameLv,
		name_en: input.nameEn,
		municipality: input.municipality,
		address: input.address,
		lat: input.lat ?? null,
		lon: input.lon ?? null,
		phone: input.phone,
		email: input.email,
		hours: JSON.stringify(input.hours),
		active: 1
	};
	const made = await db.transaction().execute(async (trx) => {
		const version = await nextCatalogVersion(trx);
		return insertNewOffice(trx, values, { actor, action: 'office.create', version, now });
	});
	if (!made.ok) throw new ValidationError(`Office "${input.slug}" exists`, [{ path: 'slug', message: 'slug_taken' }]);
	catalogChanged(db);
	return made.id;
}
