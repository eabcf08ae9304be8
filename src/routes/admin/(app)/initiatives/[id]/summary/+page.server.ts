import { error } from '@sveltejs/kit';
import { initiativeById } from '$server/repositories/initiatives';
import { initiativeSummary } from '$server/services/admin/export';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const row = await initiativeById(app.database.db, event.params.id);
	if (!row) error(404, 'No such initiative');
	return {
		initiative: {
			id: row.id,
			slug: row.slug,
			title: { lv: row.title_lv, en: row.title_en },
			status: row.status,
			scope: row.scope,
			municipality: row.municipality,
			goal: Number(row.goal),
			opensAt: Number(row.opens_at),
			closesAt: Number(row.closes_at)
		},
		summary: await initiativeSummary(app, row, event.locals.locale),
		generatedAt: app.now()
	};
};
