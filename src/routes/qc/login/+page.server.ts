import { error, redirect, type Cookies } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { SESSION_COOKIE, sessionOf } from '$server/services/auth';
import { qcAccess } from '$server/services/qc/access';
import { privateHeaders } from '$lib/server/qc';
import { staffLogin } from '$lib/server/staff-login';
import type { Actions, PageServerLoad } from './$types';

/**
 * The one QC address open to anonymous visitors: the login form. A logged-in auditor goes on to
 * the call list; a clerk or a session on a library device gets 403 here as everywhere in /qc.
 */
async function refuseStaffWithoutAccess(event: { cookies: Cookies }) {
	const app = await getApp();
	const session = await sessionOf(app, event.cookies.get(SESSION_COOKIE));
	if (!session) return;
	const access = await qcAccess(app, session);
	if (access.ok) redirect(303, '/qc');
	error(403, 'Quality control is for auditors only');
}

export const load: PageServerLoad = async (event) => {
	privateHeaders(event);
	await refuseStaffWithoutAccess(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		await refuseStaffWithoutAccess(event);
		const refused = await staffLogin(event, await event.request.formData(), { roles: ['auditor', 'admin'], refusedAs: 'auditor' });
		if (refused) return refused;
		redirect(303, '/qc');
	}
};
