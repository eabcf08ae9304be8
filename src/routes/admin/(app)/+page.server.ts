import { requireAdmin } from '$lib/server/admin';
import { overview } from '$server/services/admin/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	return { overview: await overview(app) };
};
