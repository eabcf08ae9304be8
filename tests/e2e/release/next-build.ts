/**
 * Build N+1 of the release rehearsal, made at most once per tree: the output is kept in the
 * temporary folder under a hash of every file the build reads, so a second run of the spec on
 * the same tree starts at once. Build N is the ordinary ./build (`npx vite build`).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const INPUTS = ['src', 'server', 'static', 'vite.config.ts', 'svelte.config.js', 'package.json', 'package-lock.json', 'tests/e2e/release'];

function treeHash(): string {
	const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', ...INPUTS], { cwd: ROOT, encoding: 'utf8' })
		.split('\n')
		.filter((f) => f && existsSync(join(ROOT, f)))
		.sort();
	// The checkout's path too: worktrees share the temporary folder, and the build links to this
	// checkout's node_modules.
	const hash = createHash('sha256').update(ROOT).update('\0');
	for (const f of files) hash.update(f).update('\0').update(readFileSync(join(ROOT, f))).update('\0');
	return hash.digest('hex').slice(0, 16);
}

/** The folder holding build N+1's handler.js, built now if this tree has none yet. */
export function nextBuildDir(): string {
	const home = join(tmpdir(), `klatiene-next-${treeHash()}`);
	const out = join(home, 'build');
	if (existsSync(join(out, 'handler.js'))) return out;
	mkdirSync(home, { recursive: true });
	// The server bundle imports its dependencies from node_modules, found from the build's folder up.
	if (!existsSync(join(home, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'), 'dir');
	const partial = join(home, 'build.partial');
	rmSync(partial, { recursive: true, force: true });
	execFileSync('npx', ['vite', 'build'], {
		cwd: ROOT,
		env: { ...process.env, KLATIENE_NEXT_BUILD: '1', KLATIENE_BUILD_OUT: partial },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	renameSync(partial, out);
	writeFileSync(join(home, 'checkout'), ROOT);
	dropOlderBuilds(home);
	return out;
}

/** Builds N+1 of earlier trees of this checkout are of no more use. */
function dropOlderBuilds(keep: string) {
	for (const name of readdirSync(tmpdir())) {
		const home = join(tmpdir(), name);
		if (!name.startsWith('klatiene-next-') || home === keep) continue;
		const owner = join(home, 'checkout');
		if (existsSync(owner) && readFileSync(owner, 'utf8') === ROOT) rmSync(home, { recursive: true, force: true });
	}
}
