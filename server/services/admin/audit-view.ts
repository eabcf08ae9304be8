/** The audit log page: filter entries, name their actors, verify the chain. */
import type { App } from '../../app-context';
import { findAuditEntries, type AuditFilter } from '../../repositories/audit-log';
import { staffByIds, staffByUsername } from '../../repositories/staff';
import { normalizeUsername } from '../staff';

export const AUDIT_PAGE_SIZE = 100;

/** Action prefixes offered in the filter (entries are matched by prefix). */
export const AUDIT_ACTIONS = [
	'auth.',
	'initiative.',
	'office.',
	'staff.',
	'device.',
	'export.',
	'retention.',
	'qc.'
] as const;

export interface AuditRow {
	seq: number;
	at: number;
	actorType: string;
	actorId: string | null;
	actorName: string | null;
	action: string;
	subjectType: string | null;
	subjectId: string | null;
	details: Record<string, unknown>;
	hash: string;
}

export async function auditPage(
	app: App,
	filter: { action?: string; actor?: string; subject?: string; from?: number; to?: number },
	before?: number
): Promise<{ rows: AuditRow[]; next: number | null; unknownActor: boolean }> {
	const db = app.database.db;
	const f: AuditFilter = { action: filter.action, subjectId: filter.subject, from: filter.from, to: filter.to };
	let unknownActor = false;
	if (filter.actor) {
		// An administrator types a username; devices are filtered by their id.
		const staff = await staffByUsername(db, normalizeUsername(filter.actor));
		if (staff) f.actorId = staff.id;
		else {
			f.actorId = filter.actor;
			unknownActor = true;
		}
	}
	const entries = await findAuditEntries(db, f, AUDIT_PAGE_SIZE + 1, before);
	const page = entries.slice(0, AUDIT_PAGE_SIZE);
	const staffIds = [...new Set(page.filter((e) => e.actor_type === 'staff' && e.actor_id).map((e) => e.actor_id!))];
	const names = new Map((await staffByIds(db, staffIds)).map((s) => [s.id, `${s.display_name} (${s.username})`]));
	if (unknownActor && page.length) unknownActor = false;
	return {
		rows: page.map((e) => ({
			seq: Number(e.seq),
			at: Number(e.at),
			actorType: e.actor_type,
			actorId: e.actor_id,
			actorName: e.actor_id ? (names.get(e.actor_id) ?? null) : null,
			action: e.action,
			subjectType: e.subject_type,
			subjectId: e.subject_id,
			details: JSON.parse(e.details) as Record<string, unknown>,
			hash: e.hash
		})),
		next: entries.length > AUDIT_PAGE_SIZE ? Number(page[page.length - 1].seq) : null,
		unknownActor
	};
}
