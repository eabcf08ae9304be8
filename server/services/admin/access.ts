/**
 * Who may use the back office: an active administrator, with a live session that is not bound
 * to a library device (a library PC is a public information point; nobody administers from
 * it). One rule for the /admin pages (src/lib/server/admin.ts) and the admin tRPC procedures
 * (server/trpc/admin-procedure.ts).
 */
import type { App } from '../../app-context';
import { deviceById } from '../../repositories/devices';
import { staffActor, type Actor } from '../audit';
import type { SessionInfo } from '../auth';

export type AdminRefusal = 'anonymous' | 'not_admin' | 'library_device';

export type AdminAccess = { ok: true; session: SessionInfo; actor: Actor } | { ok: false; reason: AdminRefusal };

export async function adminAccess(app: App, session: SessionInfo | null): Promise<AdminAccess> {
	if (!session) return { ok: false, reason: 'anonymous' };
	if (session.staff.role !== 'admin') return { ok: false, reason: 'not_admin' };
	if (session.deviceId) {
		const device = await deviceById(app.database.db, session.deviceId);
		if (!device || device.status !== 'active' || device.kind === 'library') return { ok: false, reason: 'library_device' };
	}
	return { ok: true, session, actor: staffActor(session.staff.id) };
}
