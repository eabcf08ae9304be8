import { error, fail } from '@sveltejs/kit';
import { countAcceptedSignatures } from '$server/repositories/admin-signatures';
import { findAuditEntries } from '$server/repositories/audit-log';
import { initiativeById } from '$server/repositories/initiatives';
import { staffByIds } from '$server/repositories/staff';
import { exportBlocker, requestSignatureExport, TICKET_TTL_MS } from '$server/services/admin/export';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const db = app.database.db;
	const row = await initiativeById(db, event.params.id);
	if (!row) error(404, 'No such initiative');
	const history = await findAuditEntries(db, { action: 'export.signatures', subjectId: row.id }, 20);
	const names = new Map((await staffByIds(db, [...new Set(history.map((h) => h.actor_id ?? ''))])).map((s) => [s.id, s.display_name]));
	return {
		initiative: { id: row.id, slug: row.slug, title: { lv: row.title_lv, en: row.title_en }, status: row.status },
		rows: await countAcceptedSignatures(db, row.id),
		blocker: exportBlocker(row),
		problem: event.url.searchParams.get('problem'),
		ticketMinutes: TICKET_TTL_MS / 60_000,
		history: history
			.filter((h) => h.action === 'export.signatures')
			.map((h) => {
				const d = JSON.parse(h.details) as { reason?: string; rows?: number };
				return { seq: Number(h.seq), at: Number(h.at), by: names.get(h.actor_id ?? '') ?? h.actor_id, reason: d.reason ?? '', rows: d.rows ?? 0 };
			})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const data = await event.request.formData();
		const values = { reason: String(data.get('reason') ?? ''), locale: String(data.get('locale') ?? 'lv') };
		const r = await requestSignatureExport(app, event.params.id, values, actor);
		if (!r.ok) return fail(r.problems._form === 'not_found' ? 404 : 400, { values, problems: r.problems });
		return { values, ticket: r.token, expiresAt: r.expiresAt };
	}
};
