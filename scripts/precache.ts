/**
 * Which built files each kind of device needs (issue 16 §3), read from Vite's client manifest
 * after the build: a file belongs to the back office when only the admin and QC pages reach it
 * (statically or by a dynamic import, such as QC's Chart.js chunk); everything the public pages,
 * /info, office mode and the app's own entry reach is shared.
 *
 * vite.config.ts leaves the back office's files out of the service worker's precache: a library
 * kiosk never runs them, and the admin and QC pages need the server anyway (they load from it).
 * The bench (scripts/bench/cases/precache.ts) prints each kind's precache size from here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Chunk {
	file: string;
	src?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
	assets?: string[];
}

export type DeviceKind = 'public' | 'online' | 'office' | 'backOffice';

const NODES = '.svelte-kit/generated/client-optimized/nodes/';

/**
 * Modules a public page loads only to talk to the server (the tRPC client): useless offline, so
 * not precached; a page that loads them keeps them in the runtime cache (src/service-worker.ts).
 */
const ONLINE_MODULES = ['src/lib/client/trpc.ts'];

/** The kind of device a route's files are for, from the source files a node is made of. */
export function kindOfRoute(sourcePath: string): DeviceKind {
	if (/src\/routes\/(admin|qc)(\/|$)/.test(sourcePath)) return 'backOffice';
	if (/src\/routes\/kac(\/|$)/.test(sourcePath)) return 'office';
	// Checking a receipt code asks the server: the page is of no use offline.
	if (/src\/routes\/receipt(\/|$)/.test(sourcePath)) return 'online';
	return 'public';
}

/**
 * The built files (`_app/…`) of each kind, disjoint: `public` is what every device precaches
 * (the public pages, /info and the shell run from it offline); `online` what public pages load
 * only with the server there; `office` what only office mode runs; `backOffice` admin and QC.
 * A file office mode shares with an online page counts as online (see `officeNeeds`).
 */
export function filesByKind(root: string): Record<DeviceKind, Set<string>> | null {
	const manifestPath = join(root, '.svelte-kit/output/client/.vite/manifest.json');
	if (!existsSync(manifestPath)) return null;
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

	const reach = (keys: string[], dynamic: boolean, skip: string[] = []) => {
		const seen = new Set<string>(skip);
		const files = new Set<string>();
		const visit = (key: string) => {
			if (seen.has(key)) return;
			seen.add(key);
			const c = manifest[key];
			if (!c) return;
			for (const f of [c.file, ...(c.css ?? []), ...(c.assets ?? [])]) files.add(f);
			for (const i of c.imports ?? []) visit(i);
			if (dynamic) for (const i of c.dynamicImports ?? []) visit(i);
		};
		keys.forEach(visit);
		return files;
	};

	const nodes: Record<DeviceKind, string[]> = { public: [], online: [], office: [], backOffice: [] };
	for (const key of Object.keys(manifest)) {
		if (!key.startsWith(NODES)) continue;
		const source = readFileSync(join(root, key), 'utf8');
		nodes[kindOfRoute(source)].push(key);
	}
	const online = ONLINE_MODULES.filter((k) => manifest[k]);
	// The app's entries load every node lazily: only what they import directly is everyone's.
	const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && !k.startsWith(NODES));
	const shared = reach(entries, false);
	const publicFiles = new Set([...shared, ...reach(nodes.public, true, online)]);
	const onlineFiles = new Set([...reach([...nodes.online, ...online], true)].filter((f) => !publicFiles.has(f)));
	const not = (...sets: Set<string>[]) => (f: string) => !sets.some((s) => s.has(f));
	const officeFiles = new Set([...reach(nodes.office, true)].filter(not(publicFiles, onlineFiles)));
	const backOffice = new Set([...reach(nodes.backOffice, true)].filter(not(publicFiles, onlineFiles, officeFiles)));
	return { public: publicFiles, online: onlineFiles, office: officeFiles, backOffice };
}

/** Everything an office PC keeps beyond the precache: office mode's own files and the online ones it uses. */
export function officeNeeds(root: string): Set<string> | null {
	const kinds = filesByKind(root);
	if (!kinds) return null;
	const manifestPath = join(root, '.svelte-kit/output/client/.vite/manifest.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
	const byFile = new Map(Object.values(manifest).map((c) => [c.file, c] as const));
	const needs = new Set(kinds.office);
	// Office mode imports the tRPC client (sync): the online files it reaches, keyed by file name.
	const queue = [...kinds.office];
	while (queue.length) {
		const c = byFile.get(queue.pop()!);
		for (const key of [...(c?.imports ?? []), ...(c?.dynamicImports ?? [])]) {
			const f = manifest[key]?.file;
			if (!f || needs.has(f) || kinds.public.has(f)) continue;
			needs.add(f);
			for (const extra of [...(manifest[key].css ?? []), ...(manifest[key].assets ?? [])]) if (!kinds.public.has(extra)) needs.add(extra);
			queue.push(f);
		}
	}
	return needs;
}

/** Icons only a browser installing the app asks for (it is online then): not worth every kiosk's precache. */
const INSTALL_ONLY = new Set(['icons/icon-512.png', 'icons/icon-maskable-512.png']);

interface ManifestEntry {
	url: string;
	revision: string | null;
	size: number;
	/** Not precached: an enrolled office PC keeps it in its office cache (src/service-worker.ts). */
	office?: true;
	/** Not precached: any device may keep it in the runtime cache once a page has loaded it. */
	online?: true;
}

/**
 * A workbox `manifestTransforms` step (after @vite-pwa/sveltekit's own, so URLs are `_app/…`):
 * the back office's files leave the manifest; office mode's and the online-only files stay in
 * it, marked and with size 0 (so the build prints what every device precaches), and the service
 * worker precaches only the unmarked ones.
 */
export function devicePrecache(root: string) {
	return async (entries: ManifestEntry[]) => {
		const kinds = filesByKind(root);
		const office = officeNeeds(root);
		if (!kinds || !office) return { manifest: entries, warnings: ['precache: no Vite manifest, nothing left out'] };
		const manifest: ManifestEntry[] = [];
		for (const e of entries) {
			const file = e.url.replace(/^\//, '');
			if (kinds.backOffice.has(file)) continue;
			const marks = {
				...(office.has(file) ? { office: true as const } : {}),
				...(kinds.online.has(file) || INSTALL_ONLY.has(file) ? { online: true as const } : {})
			};
			manifest.push(Object.keys(marks).length ? { ...e, size: 0, ...marks } : e);
		}
		return { manifest, warnings: [] };
	};
}
