/**
 * The one guard of the back office. Every load, action and endpoint under /admin calls
 * `requireAdmin(event)` first (a layout load does not protect actions or endpoints, and page
 * loads run in parallel with it), so the rule lives here and in services/admin/access.ts.
 *
 * - anonymous, page request (GET) → 303 to /admin/login?next=…
 * - anonymous anything else, clerk, auditor, a session on a library device → 403
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '$server/app';
import type { App } from '$server/app-context';
import type { Actor } from '$server/services/audit';
import { SESSION_COOKIE, sessionOf, type SessionInfo } from '$server/services/auth';
import { adminAccess } from '$server/services/admin/access';

export interface AdminContext {
	app: App;
	session: SessionInfo;
	actor: Actor;
}

// Layout and page loads of one request share `locals`: the session is looked up once.
const perRequest = new WeakMap<object, Promise<Awaited<ReturnType<typeof adminAccess>>>>();

type Event = Pick<RequestEvent, 'cookies' | 'locals' | 'request' | 'url'>;

export async function requireAdmin(event: Event): Promise<AdminContext> {
	const app = await getApp();
	let access = perRequest.get(event.locals);
	if (!access) {
		access = sessionOf(app, event.cookies.get(SESSION_COOKIE)).then((session) => adminAccess(app, session));
		perRequest.set(event.locals, access);
	}
	const result = await access;
	if (result.ok) return { app, session: result.session, actor: result.actor };
	const method = event.request.method;
	if (result.reason === 'anonymous' && (method === 'GET' || method === 'HEAD')) {
		redirect(303, `/admin/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	error(403, result.reason === 'anonymous' ? 'Log in as an administrator' : 'Only administrators may use the back office');
}

/**
 * Where to go after logging in: only a back-office address, never another site, and only
 * printable ASCII (a URL's own form): a control character cannot go into a Location header.
 */
export function safeNext(next: string | null): string {
	if (next && /^\/admin(?:[/?][\x21-\x7e]*)?$/.test(next) && !next.includes('\\')) return next;
	return '/admin';
}
