/**
 * Initiatives in the back office: create, edit, move through their statuses (import is in
 * initiative-import.ts, the form in initiative-form.ts). Every change takes the next catalog
 * version (so devices pull it) and appends its audit entry in the same transaction.
 */
import {
	checkTransition,
	transitionEffects,
	type InitiativeStatus,
	type TransitionProblem
} from '../../../src/lib/domain/initiative-status';
import type { App } from '../../app-context';
import { updateInitiativeRow } from '../../repositories/admin-catalog';
import { nextCatalogVersion } from '../../repositories/catalog-meta';
import { initiativeById, initiativeBySlug } from '../../repositories/initiatives';
import { appendAuditBy, type Actor } from '../audit';
import { insertNewInitiative } from '../catalog-create';
import { changedFields, parseInitiativeForm, rowValues, type InitiativeForm } from './initiative-form';
import { FORM, hasProblems, type Problems } from './problems';

export * from './initiative-form';
export * from './initiative-import';

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
			const made = await insertNewInitiative(trx, rowValues(v), 'draft', { actor, action: 'initiative.create', version, now });
			if (!made.ok) throw new Refused(made.problems);
			return made;
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
