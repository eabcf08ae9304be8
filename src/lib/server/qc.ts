/**
 * The one guard of quality control. Every load and every action under /qc calls
 * `requireQc(event)` first (a layout load protects neither actions nor page loads that run
 * beside it), with the rule of services/qc/access.ts:
 *
 * - an auditor or administrator with a live session, not on a library device → allowed;
 * - anyone else — anonymous, a clerk, a session on a library device → 403, on every route
 *   and every method (the 403 page links to /qc/login, the one public QC address).
 *
 * QC pages carry phone numbers: never cached, never framed.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '$server/app';
import type { App } from '$server/app-context';
import type { Actor } from '$server/services/audit';
import { SESSION_COOKIE, sessionOf, type SessionInfo } from '$server/services/auth';
import { qcAccess, type QcAccess } from '$server/services/qc/access';

export interface QcContext {
	app: App;
	session: SessionInfo;
	actor: Actor;
	staffId: string;
}

// Layout and page loads of one request share `locals`: the session is looked up once.
const perRequest = new WeakMap<object, Promise<QcAccess>>();

type Event = Pick<RequestEvent, 'cookies' | 'locals' | 'setHeaders'>;

export async function requireQc(event: Event): Promise<QcContext> {
	const app = await getApp();
	let access = perRequest.get(event.locals);
	if (!access) {
		access = sessionOf(app, event.cookies.get(SESSION_COOKIE)).then((session) => qcAccess(app, session));
		perRequest.set(event.locals, access);
	}
	const result = await access;
	if (!result.ok) error(403, result.reason === 'anonymous' ? 'Log in as a quality-control auditor' : 'Quality control is for auditors only');
	return { app, session: result.session, actor: result.actor, staffId: result.session.staff.id };
}

/** Headers for every QC page (phone numbers, personal data of a kind): no cache, no framing. */
export function privateHeaders(event: Pick<RequestEvent, 'setHeaders'>) {
	try {
		event.setHeaders({ 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
	} catch {
		// already set by the layout for this response
	}
}
