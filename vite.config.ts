import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { devicePrecache } from './scripts/precache';
import { nextBuild, NEXT_VERSION_SUFFIX } from './tests/e2e/release/next-build-plugin';

const testing = !!process.env.VITEST;
// The release rehearsal's build N+1 (tests/e2e/office-update.spec.ts); never set for a release.
const next = process.env.KLATIENE_NEXT_BUILD === '1';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/**
 * The service worker's precache leaves out what only the admin and QC pages run (issue 16 §3:
 * scripts/precache.ts): a library kiosk or an office PC never downloads the back office. Added
 * after @vite-pwa/sveltekit's own manifest step, which it sets up when Vite resolves the config.
 */
function pwa(options: Parameters<typeof SvelteKitPWA>[0] & object) {
	const plugins = SvelteKitPWA(options);
	const integration = options.integration!;
	const configure = integration.configureOptions!;
	integration.configureOptions = async (viteConfig, resolved) => {
		await configure(viteConfig, resolved);
		const inject = resolved.injectManifest!;
		inject.manifestTransforms = [...(inject.manifestTransforms ?? []), devicePrecache(viteConfig.root)];
	};
	return plugins;
}

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(next ? version + NEXT_VERSION_SUFFIX : version) },
	plugins: [
		next && nextBuild(),
		sveltekit(),
		!testing &&
			pwa({
				strategies: 'injectManifest',
				srcDir: 'src',
				filename: 'service-worker.ts',
				registerType: 'prompt',
				// One worker for the whole origin, registered the same from any page depth.
				scope: '/',
				base: '/',
				injectRegister: false,
				manifestFilename: 'manifest.webmanifest',
				manifest: {
					id: '/',
					name: 'Klātiene — parakstīšanās klātienē',
					short_name: 'Klātiene',
					description:
						'Pilsoņu iniciatīvu parakstīšana klātienē valsts un pašvaldību klientu apkalpošanas centros.',
					lang: 'lv',
					dir: 'ltr',
					start_url: '/',
					scope: '/',
					display: 'standalone',
					background_color: '#ffffff',
					theme_color: '#7a1f2b',
					icons: [
						{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
						{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
						{
							src: '/icons/icon-maskable-512.png',
							sizes: '512x512',
							type: 'image/png',
							purpose: 'maskable'
						}
					]
				},
				injectManifest: {
					globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,woff2}', 'prerendered/**/*.html']
				},
				devOptions: { enabled: false }
			})
	],
	test: {
		include: ['src/**/*.spec.ts', 'tests/server/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
