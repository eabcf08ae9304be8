/**
 * Cookie reading and writing for the tRPC handler (no framework in between), through the
 * `cookie` package: the one SvelteKit reads and writes its own cookies with, so both paths
 * agree on quoting, decoding and which of two same-named cookies wins (the first).
 */
import { parse, serialize } from 'cookie';

export function parseCookies(header: string | null): Map<string, string> {
	return new Map(Object.entries(header ? parse(header) : {}));
}

export interface CookieOptions {
	maxAgeSec: number;
	secure: boolean;
	httpOnly?: boolean;
	sameSite?: 'Strict' | 'Lax';
	path?: string;
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
	return serialize(name, value, {
		path: o.path ?? '/',
		maxAge: Math.max(0, Math.floor(o.maxAgeSec)),
		sameSite: o.sameSite === 'Lax' ? 'lax' : 'strict',
		httpOnly: o.httpOnly ?? true,
		secure: o.secure
	});
}
