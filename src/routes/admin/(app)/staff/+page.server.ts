import { fail, redirect } from '@sveltejs/kit';
import { officesForAdmin } from '$server/repositories/admin-catalog';
import { staffForAdmin } from '$server/repositories/admin-staff';
import { formValues } from '$server/services/admin/problems';
import { lockedOut } from '$server/services/auth';
import { createStaffAsAdmin, STAFF_FORM_FIELDS } from '$server/services/admin/staff';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app } = await requireAdmin(event);
	const [staff, offices] = await Promise.all([staffForAdmin(app.database.db), officesForAdmin(app.database.db)]);
	const locked = await lockedOut(
		app,
		staff.map((s) => s.username)
	);
	return {
		staff: staff.map((s) => ({
			id: s.id,
			username: s.username,
			name: s.display_name,
			role: s.role,
			office: s.office_name_lv ? { lv: s.office_name_lv, en: s.office_name_en ?? s.office_name_lv } : null,
			active: s.active === 1,
			lockedUntil: locked.get(s.username) ?? null
		})),
		kacs: offices.filter((o) => o.kind === 'kac' && o.active === 1).map((o) => ({ slug: o.slug, name: { lv: o.name_lv, en: o.name_en } }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const values = formValues(await event.request.formData(), STAFF_FORM_FIELDS);
		const r = await createStaffAsAdmin(app, values, actor);
		// The password is not sent back: it is typed again.
		if (!r.ok) return fail(400, { values: { ...values, password: '' }, problems: r.problems });
		redirect(303, `/admin/staff/${r.id}?created=1`);
	}
};
