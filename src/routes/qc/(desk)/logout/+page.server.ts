import { redirect } from '@sveltejs/kit';
import { logout, SESSION_COOKIE } from '$server/services/auth';
import { requireQc } from '$lib/server/qc';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireQc(event);
	redirect(303, '/qc');
};

export const actions: Actions = {
	default: async (event) => {
		const { app } = await requireQc(event);
		await logout(app, event.cookies.get(SESSION_COOKIE));
		event.cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: event.url.protocol === 'https:' });
		redirect(303, '/qc/login');
	}
};
