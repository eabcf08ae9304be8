import { error, fail } from '@sveltejs/kit';
import { officeById } from '$server/repositories/offices';
import { OFFICE_FORM_FIELDS, officeFormOf, updateOfficeAsAdmin } from '$server/services/admin/offices';
import { formValues } from '$server/services/admin/problems';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const row = await officeById(app.database.db, event.params.id);
	if (!row) error(404, 'No such office');
	return {
		office: { id: row.id, slug: row.slug, kind: row.kind, name: { lv: row.name_lv, en: row.name_en }, version: Number(row.version) },
		form: officeFormOf(row),
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const data = await event.request.formData();
		const values = formValues(data, OFFICE_FORM_FIELDS);
		const r = await updateOfficeAsAdmin(app, event.params.id, values, Number(data.get('version')), actor);
		if (!r.ok) return fail(r.problems._form === 'not_found' ? 404 : 400, { values, problems: r.problems });
		return { saved: true };
	}
};
