import { importOffices } from '$server/services/admin/offices';
import { importActions } from '$lib/server/admin-import';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	return {};
};

export const actions: Actions = importActions(importOffices);
