import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
// The release rehearsal builds N+1 beside build N (tests/e2e/release/next-build.ts).
// (It shares .svelte-kit: @vite-pwa/sveltekit finds the service worker there.)
const out = process.env.KLATIENE_BUILD_OUT ?? 'build';

const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out, precompress: true }),
		alias: {
			$server: 'server'
		},
		// The service worker is built by @vite-pwa/sveltekit (injectManifest) and registered
		// through workbox-window so that we control updates (see src/lib/client/pwa.svelte.ts).
		serviceWorker: { register: false },
		prerender: { handleHttpError: 'fail' },
		// The page policy (issue 10 §5; every other response: server/http/security-headers.ts).
		// Hashes, not nonces: public pages are rendered once and reused for everyone for up to a
		// second (server/http/page-cache.ts), kept by the service worker for offline use, and
		// /shell is prerendered, so a nonce would be the same for many visitors, which makes it
		// no secret. A hash is bound to the script it allows, so a reused page stays safe.
		// Styles keep 'unsafe-inline': server-rendered style attributes (the progress bar's
		// width, the chart's height) need it, and a style cannot run script.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'frame-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// Absolute asset paths: the service worker serves the prerendered shell at any depth
		// (/initiatives/x, /info/offices), where relative ./_app paths would break.
		paths: { relative: false }
	}
};

export default config;
