import { redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { adminAccess } from '$server/services/admin/access';
import { SESSION_COOKIE, sessionOf } from '$server/services/auth';
import { safeNext } from '$lib/server/admin';
import { staffLogin } from '$lib/server/staff-login';
import type { Actions, PageServerLoad } from './$types';

/** The back office's own login, with the staff login service the office PCs use. */
export const load: PageServerLoad = async (event) => {
	const app = await getApp();
	const next = safeNext(event.url.searchParams.get('next'));
	const access = await adminAccess(app, await sessionOf(app, event.cookies.get(SESSION_COOKIE)));
	if (access.ok) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const refused = await staffLogin(event, data, { roles: ['admin'], refusedAs: 'admin' });
		if (refused) return refused;
		redirect(303, safeNext(String(data.get('next') ?? '')));
	}
};
