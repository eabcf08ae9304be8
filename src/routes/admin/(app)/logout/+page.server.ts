import { redirect } from '@sveltejs/kit';
import { logout, SESSION_COOKIE } from '$server/services/auth';
import { requireAdmin } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireAdmin(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { app } = await requireAdmin(event);
		await logout(app, event.cookies.get(SESSION_COOKIE));
		event.cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: event.url.protocol === 'https:' });
		redirect(303, '/admin/login');
	}
};
