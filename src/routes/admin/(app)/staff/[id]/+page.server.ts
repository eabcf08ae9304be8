import { error, fail } from '@sveltejs/kit';
import { officesForAdmin } from '$server/repositories/admin-catalog';
import { staffById } from '$server/repositories/staff';
import { assignOfficeAsAdmin, deactivateStaffAsAdmin, liftLockOutAsAdmin, resetPasswordAsAdmin } from '$server/services/admin/staff';
import { lockedOut } from '$server/services/auth';
import type { Problems } from '$server/services/admin/problems';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { app, session } = await requireAdmin(event);
	const db = app.database.db;
	const s = await staffById(db, event.params.id);
	if (!s) error(404, 'No such staff member');
	const offices = await officesForAdmin(db);
	const office = offices.find((o) => o.id === s.office_id);
	const lockedUntil = (await lockedOut(app, [s.username])).get(s.username) ?? null;
	return {
		person: {
			id: s.id,
			username: s.username,
			name: s.display_name,
			role: s.role,
			active: s.active === 1,
			createdAt: Number(s.created_at),
			deactivatedAt: s.deactivated_at === null ? null : Number(s.deactivated_at),
			office: office ? { slug: office.slug, name: { lv: office.name_lv, en: office.name_en } } : null,
			lockedUntil
		},
		self: s.id === session.staff.id,
		kacs: offices.filter((o) => o.kind === 'kac' && o.active === 1).map((o) => ({ slug: o.slug, name: { lv: o.name_lv, en: o.name_en } })),
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	deactivate: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const data = await event.request.formData();
		if (data.get('confirm') !== 'yes') return fail(400, { action: 'deactivate', problems: { confirm: 'confirm_required' } as Problems });
		const r = await deactivateStaffAsAdmin(app, event.params.id, actor);
		if (!r.ok) return fail(400, { action: 'deactivate', problems: { _form: r.problem } as Problems });
		return { action: 'deactivate', done: true };
	},
	reset: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const r = await resetPasswordAsAdmin(app, event.params.id, actor);
		if (!r.ok) return fail(400, { action: 'reset', problems: { _form: r.problem } as Problems });
		return { action: 'reset', done: true, password: r.password };
	},
	unlock: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const r = await liftLockOutAsAdmin(app, event.params.id, actor);
		if (!r.ok) return fail(400, { action: 'unlock', problems: { _form: r.problem } as Problems });
		return { action: 'unlock', done: true };
	},
	assign: async (event) => {
		const { app, actor } = await requireAdmin(event);
		const office = String((await event.request.formData()).get('office') ?? '');
		const r = await assignOfficeAsAdmin(app, event.params.id, office, actor);
		if (!r.ok) return fail(400, { action: 'assign', office, problems: r.problems });
		return { action: 'assign', done: true };
	}
};
