// Playwright drives Debian's Chromium (no browser downloads on this network). If it is
// missing and we may install packages (root on Debian), install it; otherwise say how.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const isDebian = existsSync('/etc/debian_version');
	if (isRoot && isDebian) {
		console.log(`[test] ${CHROMIUM} is missing: installing Debian's chromium package…`);
		execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
			stdio: 'inherit',
			shell: '/bin/bash'
		});
		if (existsSync(CHROMIUM)) return;
	}
	console.error(
		`[test] Chromium is needed at ${CHROMIUM} for the browser tests. Install it with:\n\n    sudo apt-get install -y chromium\n`
	);
	process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
