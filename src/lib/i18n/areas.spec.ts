/**
 * Messages are loaded by area (./areas): a page that shows a key of an area must import that
 * area itself or through one of the layouts above it. This reads the routes and everything they
 * import from $lib, finds the message keys they use (literal keys and `prefix.${code}` keys) and
 * checks that each route file's areas are imported where the route renders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lv } from './messages/lv';
import { citizenLv } from './messages/citizen.lv';
import { officeLv } from './messages/office.lv';
import { receiptCheckLv } from './messages/receipt-check.lv';
import { adminLv } from './messages/admin.lv';
import { qcLv } from './messages/qc.lv';

const AREAS: Record<string, Record<string, unknown>> = {
	catalog: lv,
	citizen: citizenLv,
	office: officeLv,
	'receipt-check': receiptCheckLv,
	admin: adminLv,
	qc: qcLv
};

const SRC = resolve(__dirname, '../..');
const ROUTES = join(SRC, 'routes');

const areaOfKey = new Map<string, string>();
for (const [area, dict] of Object.entries(AREAS)) for (const key of Object.keys(dict)) areaOfKey.set(key, area);

/** Areas a key prefix (of a `prefix.${code}` key) can land in. */
function areasOfPrefix(prefix: string): Set<string> {
	const out = new Set<string>();
	for (const [key, area] of areaOfKey) if (key.startsWith(prefix)) out.add(area);
	return out;
}

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(SRC, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.svelte`, `${base}.svelte.ts`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

const importsOf = (text: string) =>
	[...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2]);

/** Areas whose keys a file and the $lib modules it imports use (not counting message files). */
function usedAreas(file: string, seen = new Set<string>()): Set<string> {
	const out = new Set<string>();
	if (seen.has(file) || file.includes('/i18n/')) return out;
	seen.add(file);
	const text = readFileSync(file, 'utf8');
	for (const m of text.matchAll(/['"`]([a-zA-Z][\w]*(?:\.\w+)*)(\.\$\{)?/g)) {
		if (m[2]) for (const a of areasOfPrefix(`${m[1]}.`)) out.add(a);
		else if (areaOfKey.has(m[1])) out.add(areaOfKey.get(m[1])!);
	}
	for (const spec of importsOf(text)) {
		const target = resolveImport(file, spec);
		if (target && !target.includes('/server/')) for (const a of usedAreas(target, seen)) out.add(a);
	}
	return out;
}

const importedAreas = (file: string) =>
	new Set(importsOf(readFileSync(file, 'utf8')).flatMap((s) => (s.startsWith('$lib/i18n/areas/') ? [s.slice(16)] : [])));

function routeFiles(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) routeFiles(path, out);
		else if (/^\+(page|layout|error)\.svelte$/.test(entry)) out.push(path);
	}
	return out;
}

/** The +layout.svelte files that wrap a route file: its own directory's (for a page or error page) and every parent's. */
function layoutsAbove(file: string): string[] {
	const out: string[] = [];
	let dir = dirname(file);
	for (;;) {
		const layout = join(dir, '+layout.svelte');
		if (layout !== file && existsSync(layout)) out.push(layout);
		if (dir === ROUTES) return out;
		dir = dirname(dir);
	}
}

describe('message areas', () => {
	it('every route imports the areas of the messages it shows (itself or in a layout above)', () => {
		const missing: string[] = [];
		for (const file of routeFiles(ROUTES)) {
			const available = new Set(['catalog']);
			for (const f of [file, ...layoutsAbove(file)]) for (const a of importedAreas(f)) available.add(a);
			for (const area of usedAreas(file)) {
				if (!available.has(area)) missing.push(`${relative(SRC, file)} uses ${area} messages`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('public pages and citizen mode load no back-office, QC or clerk messages', () => {
		const isPublic = (f: string) => !/routes\/(admin|qc)\//.test(f) && !/routes\/kac\/(\+page|day|enroll|card)/.test(f);
		for (const file of routeFiles(ROUTES).filter(isPublic)) {
			for (const f of [file, ...layoutsAbove(file)]) {
				for (const a of importedAreas(f)) expect(['citizen', 'receipt-check'], relative(SRC, f)).toContain(a);
			}
		}
	});
});
