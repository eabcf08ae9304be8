import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		alias: {
			$server: 'server'
		},
		// The service worker is built by @vite-pwa/sveltekit (injectManifest) and registered
		// through workbox-window so that we control updates (see src/lib/client/pwa.svelte.ts).
		serviceWorker: { register: false },
		prerender: { handleHttpError: 'fail' },
		// Absolute asset paths: the service worker serves the prerendered shell at any depth
		// (/initiatives/x, /info/offices), where relative ./_app paths would break.
		paths: { relative: false }
	}
};

export default config;
