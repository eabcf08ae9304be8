import { describe, expect, it } from 'vitest';
import { safeNext } from './admin';

describe('safeNext: where the back-office login goes on', () => {
	it('keeps a back-office address with its query', () => {
		expect(safeNext('/admin')).toBe('/admin');
		expect(safeNext('/admin/initiatives/01a2?tab=export')).toBe('/admin/initiatives/01a2?tab=export');
		expect(safeNext('/admin?x=1')).toBe('/admin?x=1');
		expect(safeNext('/admin/offices/%C4%B7ekava')).toBe('/admin/offices/%C4%B7ekava');
	});

	it('sends anything else to /admin: other sites, other areas, look-alikes', () => {
		for (const next of [null, '', 'https://evil.example/admin', '//evil.example', '/administrator', '/qc', '/admin\\..\\x', 'admin'])
			expect(safeNext(next), String(next)).toBe('/admin');
	});

	it('refuses characters a Location header cannot carry (a NUL, CR LF, a space, non-ASCII), which made the redirect a 500', () => {
		for (const next of ['/admin\u0000', '/admin/x\r\nSet-Cookie: a=b', '/admin/a b', '/admin/ķekava', '/admin?\t'])
			expect(safeNext(next), JSON.stringify(next)).toBe('/admin');
	});
});
