/**
 * The staff login form of the back office and of quality control: one action and one answer
 * shape, so both pages tell a refusal the same way. The answer is `{ values, problems,
 * retryAfterSec }`: `problems` maps a field to its code ('required') and `_form` to
 * `login_<reason>` (the login service's reason, or `login_not_<role>` for a staff member the
 * page is not for). The password is never sent back; the username is, so nothing else must be
 * retyped.
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { StaffRole } from '$server/db/schema';
import { getApp } from '$server/app';
import { login, logout, SESSION_COOKIE } from '$server/services/auth';

export type LoginRefusal = { values: { username: string }; problems: Record<string, string>; retryAfterSec: number | null };

type Event = Pick<RequestEvent, 'cookies' | 'getClientAddress' | 'url'>;

/**
 * Logs in with the form's username and password and sets the session cookie; null when that
 * worked, otherwise the refusal to return. `roles`: who this page is for; anyone else is logged
 * out again and refused with `login_not_<refusedAs>` (403).
 */
export async function staffLogin(
	event: Event,
	data: FormData,
	page: { roles: readonly StaffRole[]; refusedAs: string }
): Promise<ActionFailure<LoginRefusal> | null> {
	const app = await getApp();
	const username = String(data.get('username') ?? '').trim();
	const password = String(data.get('password') ?? '');
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
			problems: { _form: `login_${result.reason}` },
			retryAfterSec: result.retryAfterSec ?? null
		});
	}
	if (!page.roles.includes(result.staff.role)) {
		await logout(app, result.token);
		return fail(403, { values, problems: { _form: `login_not_${page.refusedAs}` }, retryAfterSec: null });
	}
	event.cookies.set(SESSION_COOKIE, result.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: event.url.protocol === 'https:',
		maxAge: Math.floor((result.expiresAt - app.now()) / 1000)
	});
	return null;
}
