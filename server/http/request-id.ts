/**
 * A request's id: the one a reverse proxy gave it (x-request-id), so the proxy's log and ours
 * meet, when it is a plain token; otherwise a fresh one. Anything else a client sends is not
 * trusted into the log.
 */
import { randomUUID } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(request: Request): string {
	const given = request.headers.get('x-request-id');
	return given && TOKEN.test(given) ? given : randomUUID();
}
