import { fail, redirect } from '@sveltejs/kit';
import { renderMarkdown } from '$server/markdown';
import { createInitiativeAsAdmin, EMPTY_INITIATIVE_FORM, INITIATIVE_FORM_FIELDS } from '$server/services/admin/initiatives';
import { formValues } from '$server/services/admin/problems';
import { editableFields } from '$lib/domain/initiative-status';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	return { form: EMPTY_INITIATIVE_FORM, editable: editableFields('draft') };
};

export const actions: Actions = {
	create: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const values = formValues(await event.request.formData(), INITIATIVE_FORM_FIELDS);
		const r = await createInitiativeAsAdmin(app, values, actor);
		if (!r.ok) return fail(400, { values, problems: r.problems, preview: null });
		redirect(303, `/admin/initiatives/${r.id}?created=1`);
	},
	preview: async (event) => {
		await requireAdmin(event);
		const values = formValues(await event.request.formData(), INITIATIVE_FORM_FIELDS);
		return { values, problems: {}, preview: { lv: renderMarkdown(values.bodyLv), en: renderMarkdown(values.bodyEn) } };
	}
};
