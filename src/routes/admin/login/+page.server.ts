import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { adminAccess } from '$server/services/admin/access';
import { login, logout, SESSION_COOKIE, sessionOf } from '$server/services/auth';
import { safeNext } from '$lib/server/admin';
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
		const app = await getApp();
		const data = await event.request.formData();
		const username = String(data.get('username') ?? '').trim();
		const password = String(data.get('password') ?? '');
		const next = safeNext(String(data.get('next') ?? ''));
		// The password is never sent back; the username is, so nothing else must be retyped.
		const values = { username };
		const problems: Record<string, string> = {};
		if (!username) problems.username = 'required';
		if (!password) problems.password = 'required';
		if (Object.keys(problems).length) return fail(400, { values, problems, retryAfterSec: null });

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
				problems: { _form: `login_${result.reason}` } as Record<string, string>,
				retryAfterSec: result.retryAfterSec ?? null
			});
		}
		if (result.staff.role !== 'admin') {
			await logout(app, result.token);
			return fail(403, { values, problems: { _form: 'login_not_admin' } as Record<string, string>, retryAfterSec: null });
		}
		event.cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: event.url.protocol === 'https:',
			maxAge: Math.floor((result.expiresAt - app.now()) / 1000)
		});
		redirect(303, next);
	}
};
