/**
 * What the app answers, found on disk and in the router, so tests that walk "every form action"
 * or "every procedure" cover a new one without being told: the routes' form actions and POST
 * endpoints (src/routes/**), and the tRPC procedures of appRouter.
 */
import { appRouter } from '../../server/trpc/router';

interface RouteModule {
	actions?: Record<string, unknown>;
	POST?: unknown;
}
// Only their export names are read: importing a route module runs nothing (getApp() is called in handlers).
const modules = import.meta.glob<RouteModule>(['/src/routes/**/+page.server.ts', '/src/routes/**/+server.ts'], { eager: true });

/** '/src/routes/admin/(app)/staff/[id]/+page.server.ts' → '/admin/staff/[id]'. */
export const urlPathOf = (file: string) =>
	file
		.replace('/src/routes', '')
		.replace(/\/\+(page\.server|server)\.ts$/, '')
		.replace(/\/\([^)]+\)/g, '') || '/';

export interface FormTarget {
	/** '/admin/staff/[id] reset' */
	route: string;
	/** The route with its [params] */
	path: string;
	/** '?/reset', '' for a default action or an endpoint */
	query: string;
}

/** Every address a form posts to: `path?/name` for named actions, `path` for default ones and POST endpoints. */
export function formTargets(): FormTarget[] {
	const out: FormTarget[] = [];
	for (const [file, mod] of Object.entries(modules)) {
		const path = urlPathOf(file);
		for (const name of Object.keys(mod.actions ?? {})) out.push({ route: `${path} ${name}`, path, query: name === 'default' ? '' : `?/${name}` });
		if (mod.POST) out.push({ route: `${path} POST`, path, query: '' });
	}
	return out;
}

/** A target's URL with its [params] filled in, as given: encode them first (`segment`). */
export function formUrl(t: FormTarget, params: (name: string) => string): string {
	return t.path.replace(/\[(\w+)\]/g, (_, k: string) => params(k)) + t.query;
}

/** A path segment for any string, lone surrogates included (as U+FFFD). */
export function segment(value: string): string {
	return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

export interface Procedure {
	path: string;
	type: 'query' | 'mutation' | 'subscription';
	/** Its zod input schema, if it takes input. */
	input: unknown;
}

/** Every tRPC procedure of the app, from the router itself. */
export function procedures(): Procedure[] {
	const defs = appRouter._def.procedures as unknown as Record<string, { _def: { type: Procedure['type']; inputs: unknown[] } }>;
	return Object.entries(defs).map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] }));
}
