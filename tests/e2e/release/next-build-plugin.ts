/**
 * Build N+1 for the release rehearsal (tests/e2e/office-update.spec.ts): the same tree, built
 * with KLATIENE_NEXT_BUILD=1, becomes the next release as a real one would look to an office
 * PC: the sync protocol one step up, one Dexie schema step (an index and an upgrade that
 * rewrites every outbox row) and another version string. Each edit must find its place, so a
 * refactor of these files fails the build instead of quietly rehearsing nothing.
 */
import type { Plugin } from 'vite';

export const NEXT_VERSION_SUFFIX = '+next';

type Edit = { file: RegExp; apply: (code: string) => string };

const edits: Edit[] = [
	{
		file: /src\/lib\/domain\/sync-protocol\.core\.ts$/,
		apply: (code) =>
			replaceOnce(code, /export const SYNC_PROTOCOL_VERSION = (\d+);/, (_, n) => `export const SYNC_PROTOCOL_VERSION = ${Number(n) + 1};`)
	},
	{
		file: /src\/lib\/client\/db\.ts$/,
		apply: (code) => {
			const versions = [...code.matchAll(/this\.version\((\d+)\)/g)].map((m) => Number(m[1]));
			if (!versions.length) throw new Error('next build: no Dexie version in db.ts');
			const next = Math.max(...versions) + 1;
			return replaceOnce(
				code,
				/this\.on\('ready', refuseNewerSchema, true\);/,
				() => `this.version(${next}).stores({ outbox: 'seq, state, type, settledAt' }).upgrade((tx) =>
			tx.table('outbox').toCollection().modify((row) => { row.settledAt ??= null; row.schemaStep = ${next}; })
		);
		this.on('ready', refuseNewerSchema, true);`
			);
		}
	}
];

function replaceOnce(code: string, pattern: RegExp, by: (...m: string[]) => string): string {
	if (!pattern.test(code)) throw new Error(`next build: ${pattern} not found`);
	return code.replace(pattern, by as (substring: string, ...args: string[]) => string);
}

export function nextBuild(): Plugin {
	const applied = new Set<Edit>();
	return {
		name: 'klatiene-next-build',
		enforce: 'pre',
		transform(code, id) {
			const edit = edits.find((e) => e.file.test(id.split('?')[0]));
			if (!edit) return null;
			applied.add(edit);
			return { code: edit.apply(code), map: null };
		},
		buildEnd() {
			// Both the client and the server build import both files.
			if (applied.size !== edits.length) this.error('next build: not every edit was applied');
		}
	};
}
