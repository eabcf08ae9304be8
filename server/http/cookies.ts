/** Minimal cookie reading and writing for the tRPC handler (no framework in between). */

export function parseCookies(header: string | null): Map<string, string> {
	const out = new Map<string, string>();
	if (!header) return out;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const name = part.slice(0, eq).trim();
		const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
		if (!name || out.has(name)) continue;
		try {
			out.set(name, decodeURIComponent(raw));
		} catch {
			out.set(name, raw);
		}
	}
	return out;
}

export interface CookieOptions {
	maxAgeSec: number;
	secure: boolean;
	httpOnly?: boolean;
	sameSite?: 'Strict' | 'Lax';
	path?: string;
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
	const parts = [
		`${name}=${encodeURIComponent(value)}`,
		`Path=${o.path ?? '/'}`,
		`Max-Age=${Math.max(0, Math.floor(o.maxAgeSec))}`,
		`SameSite=${o.sameSite ?? 'Strict'}`
	];
	if (o.httpOnly ?? true) parts.push('HttpOnly');
	if (o.secure) parts.push('Secure');
	return parts.join('; ');
}
