import { importInitiatives } from '$server/services/admin/initiatives';
import { importActions } from '$lib/server/admin-import';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	return {};
};

export const actions: Actions = importActions(importInitiatives);
