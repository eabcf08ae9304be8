import { requireAdmin } from '$lib/server/admin';
import { initiativesForAdmin } from '$server/repositories/admin-catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const rows = await initiativesForAdmin(app.database.db);
	return {
		initiatives: rows.map((r) => ({
			id: r.id,
			slug: r.slug,
			title: { lv: r.title_lv, en: r.title_en },
			status: r.status,
			scope: r.scope,
			municipality: r.municipality,
			opensAt: Number(r.opens_at),
			closesAt: Number(r.closes_at),
			goal: Number(r.goal),
			online: Number(r.online_count),
			inPerson: r.in_person,
			purged: r.identities_purged_at !== null
		}))
	};
};
