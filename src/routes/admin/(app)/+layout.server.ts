import { requireAdmin } from '$lib/server/admin';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { session } = await requireAdmin(event);
	// Personal data and one-time codes: never cached, never framed by another site.
	event.setHeaders({ 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
	return { admin: { name: session.staff.name, username: session.staff.username } };
};
