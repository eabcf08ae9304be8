import { requireAdmin } from '$lib/server/admin';
import { officesForAdmin } from '$server/repositories/admin-catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const rows = await officesForAdmin(app.database.db);
	return {
		offices: rows.map((r) => ({
			id: r.id,
			slug: r.slug,
			kind: r.kind,
			name: { lv: r.name_lv, en: r.name_en },
			municipality: r.municipality,
			address: r.address,
			active: r.active === 1,
			closures: (JSON.parse(r.closures ?? '[]') as string[]).length
		}))
	};
};
