import { fail, redirect } from '@sveltejs/kit';
import { createOfficeAsAdmin, EMPTY_OFFICE_FORM, OFFICE_FORM_FIELDS } from '$server/services/admin/offices';
import { formValues } from '$server/services/admin/problems';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	return { form: EMPTY_OFFICE_FORM };
};

export const actions: Actions = {
	default: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const values = formValues(await event.request.formData(), OFFICE_FORM_FIELDS);
		const r = await createOfficeAsAdmin(app, values, actor);
		if (!r.ok) return fail(400, { values, problems: r.problems });
		redirect(303, `/admin/offices/${r.id}?created=1`);
	}
};
