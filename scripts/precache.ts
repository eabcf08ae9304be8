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

export type DeviceKind = 'public' | 'office' | 'backOffice';

const NODES = '.svelte-kit/generated/client-optimized/nodes/';

/** The kind of device a route's files are for, from the source files a node is made of. */
export function kindOfRoute(sourcePath: string): DeviceKind {
	if (/src\/routes\/(admin|qc)(\/|$)/.test(sourcePath)) return 'backOffice';
	if (/src\/routes\/kac(\/|$)/.test(sourcePath)) return 'office';
	return 'public';
}

/** The built files (`_app/…`) of each kind; a file any other kind reaches counts as public. */
export function filesByKind(root: string): Record<DeviceKind, Set<string>> | null {
	const manifestPath = join(root, '.svelte-kit/output/client/.vite/manifest.json');
	if (!existsSync(manifestPath)) return null;
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

	const reach = (keys: string[], dynamic: boolean) => {
		const seen = new Set<string>();
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

	const nodes: Record<DeviceKind, string[]> = { public: [], office: [], backOffice: [] };
	for (const key of Object.keys(manifest)) {
		if (!key.startsWith(NODES)) continue;
		const source = readFileSync(join(root, key), 'utf8');
		nodes[kindOfRoute(source)].push(key);
	}
	// The app's entries load every node lazily: only what they import directly is everyone's.
	const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && !k.startsWith(NODES));
	const shared = reach(entries, false);
	const publicFiles = new Set([...shared, ...reach(nodes.public, true)]);
	const officeFiles = new Set([...reach(nodes.office, true)].filter((f) => !publicFiles.has(f)));
	const backOffice = new Set([...reach(nodes.backOffice, true)].filter((f) => !publicFiles.has(f) && !officeFiles.has(f)));
	return { public: publicFiles, office: officeFiles, backOffice };
}

interface ManifestEntry {
	url: string;
	revision: string | null;
	size: number;
}

/**
 * A workbox `manifestTransforms` step (after @vite-pwa/sveltekit's own, so URLs are `_app/…`):
 * the precache without the back office's files.
 */
export function withoutBackOffice(root: string) {
	return async (entries: ManifestEntry[]) => {
		const kinds = filesByKind(root);
		if (!kinds) return { manifest: entries, warnings: ['precache: no Vite manifest, nothing left out'] };
		const manifest = entries.filter((e) => !kinds.backOffice.has(e.url.replace(/^\//, '')));
		return { manifest, warnings: [] };
	};
}
