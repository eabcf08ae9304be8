/**
 * zod stays on the server: it would add some 25 KB (gzipped) to every page. Browser code (the
 * routes' pages and layouts, $lib/client, $lib/components, $lib/public, $lib/i18n) reaches the
 * domain rules only through modules without zod: `x.ts` where the schemas live in
 * `x.schema.ts`, `x.core.ts` where `x.ts` is the server's module with the schemas. This follows
 * every value import (not `import type`) from the browser code and fails on any path to zod.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../..');

function files(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) files(path, out);
		else if (/\.(svelte|ts)$/.test(entry) && !entry.endsWith('.spec.ts') && !/(\+server|\.server)\.ts$/.test(entry)) out.push(path);
	}
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

/** Value imports and re-exports of a module (an `import type` brings nothing to the browser). */
function valueImports(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(/(?:^|[\s;])(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
		if (!m[2]) out.push(m[4]);
	}
	for (const m of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
	for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
	return out;
}

/** The chain of modules from `file` to zod, or null. */
function pathToZod(file: string, seen: Set<string>): string[] | null {
	if (seen.has(file)) return null;
	seen.add(file);
	for (const spec of valueImports(readFileSync(file, 'utf8'))) {
		if (spec === 'zod' || spec.startsWith('zod/')) return [relative(SRC, file), 'zod'];
		const target = resolveImport(file, spec);
		if (!target) continue;
		const rest = pathToZod(target, seen);
		if (rest) return [relative(SRC, file), ...rest];
	}
	return null;
}

describe('browser code', () => {
	it('never imports zod, directly or through a domain module', () => {
		const roots = [
			...files(join(SRC, 'routes')),
			...['client', 'components', 'public', 'i18n'].flatMap((d) => files(join(SRC, 'lib', d))),
			join(SRC, 'lib/catalog-load.ts')
		];
		const paths: string[] = [];
		const seen = new Set<string>();
		for (const root of roots) {
			const path = pathToZod(root, seen);
			if (path) paths.push(path.join(' → '));
		}
		expect(paths).toEqual([]);
	});
});
