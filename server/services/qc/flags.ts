/** The flags list (DESIGN §6): anomaly flags with their reasons; each is resolved with a note. */
import type { Localized } from '../../../src/lib/domain/catalog-protocol';
import type { QcSignal } from '../../../src/lib/domain/qc-signals';
import type { App } from '../../app-context';
import { flagById, flagList, resolveFlag } from '../../repositories/qc-flags';
import { appendAuditBy, staffActor } from '../audit';

export interface FlagView {
	id: string;
	level: 'visit' | 'clerk' | 'office';
	signal: QcSignal;
	details: Record<string, string | number | boolean>;
	windowId: string | null;
	office: Localized;
	clerk: string | null;
	createdAt: number;
	resolvedAt: number | null;
	resolvedBy: string | null;
	resolutionNote: string | null;
}

export async function listFlags(app: App, o: { resolved: boolean; limit?: number }): Promise<FlagView[]> {
	const rows = await flagList(app.database.db, { resolved: o.resolved, limit: o.limit ?? 200 });
	return rows.map((r) => ({
		id: r.id,
		level: r.level as FlagView['level'],
		signal: r.signal as QcSignal,
		details: JSON.parse(r.details) as FlagView['details'],
		windowId: r.window_id,
		office: { lv: r.name_lv, en: r.name_en },
		clerk: r.clerk_name ?? null,
		createdAt: Number(r.created_at),
		resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
		resolvedBy: r.resolver_name ?? null,
		resolutionNote: r.resolution_note
	}));
}

export type ResolveAnswer = { ok: true } | { ok: false; reason: 'note_required' | 'not_found' | 'already_resolved' };

export async function resolveQcFlag(app: App, staffId: string, flagId: string, note: string): Promise<ResolveAnswer> {
	const text = note.trim().slice(0, 2000);
	if (!text) return { ok: false, reason: 'note_required' };
	const db = app.database.db;
	const now = app.now();
	const flag = await flagById(db, flagId);
	if (!flag) return { ok: false, reason: 'not_found' };
	return db.transaction().execute(async (trx) => {
		if (!(await resolveFlag(trx, flagId, staffId, text, now))) return { ok: false as const, reason: 'already_resolved' as const };
		await appendAuditBy(trx, staffActor(staffId), 'qc.flag.resolve', { type: 'qc_flag', id: flagId }, { signal: flag.signal, note: text }, now);
		return { ok: true as const };
	});
}
