/**
 * Who may do quality control: an active auditor or administrator, with a live session that is
 * not bound to a library device (a library PC is a public information point). One rule for the
 * /qc pages (src/lib/server/qc.ts) and the qc tRPC procedures (server/trpc/routers/qc.ts).
 */
import type { App } from '../../app-context';
import { deviceById } from '../../repositories/devices';
import { staffActor, type Actor } from '../audit';
import type { SessionInfo } from '../auth';

export type QcRefusal = 'anonymous' | 'not_auditor' | 'library_device';

export type QcAccess = { ok: true; session: SessionInfo; actor: Actor } | { ok: false; reason: QcRefusal };

export async function qcAccess(app: App, session: SessionInfo | null): Promise<QcAccess> {
	if (!session) return { ok: false, reason: 'anonymous' };
	const role = session.staff.role;
	if (role !== 'auditor' && role !== 'admin') return { ok: false, reason: 'not_auditor' };
	if (session.deviceId) {
		const device = await deviceById(app.database.db, session.deviceId);
		if (!device || device.status !== 'active' || device.kind === 'library') return { ok: false, reason: 'library_device' };
	}
	return { ok: true, session, actor: staffActor(session.staff.id) };
}
