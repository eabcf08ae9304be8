import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { login, logout, SESSION_COOKIE, sessionOf } from '$server/services/auth';
import { qcAccess } from '$server/services/qc/access';
import { privateHeaders } from '$lib/server/qc';
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
		const app = await getApp();
		const data = await event.request.formData();
		const username = String(data.get('username') ?? '').trim();
		const password = String(data.get('password') ?? '');
		const values = { username };
		const missing: string[] = [...(username ? [] : ['username']), ...(password ? [] : ['password'])];
		if (missing.length) return fail(400, { values, missing, problem: null, retryAfterSec: null });
		let address = 'unknown';
		try {
			address = event.getClientAddress();
		} catch {
			// not available: rate limits share one bucket
		}
		const result = await login(app, { username, password }, address);
		if (!result.ok) {
			return fail(result.reason === 'rate_limited' ? 429 : 400, {
				values,
				missing: [] as string[],
				problem: result.reason,
				retryAfterSec: result.retryAfterSec ?? null
			});
		}
		if (result.staff.role !== 'auditor' && result.staff.role !== 'admin') {
			await logout(app, result.token);
			return fail(403, { values, missing: [] as string[], problem: 'not_auditor', retryAfterSec: null });
		}
		event.cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: event.url.protocol === 'https:',
			maxAge: Math.floor((result.expiresAt - app.now()) / 1000)
		});
		redirect(303, '/qc');
	}
};
