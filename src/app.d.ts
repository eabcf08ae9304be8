// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n/locale';

declare global {
	/** package.json's version, and `+next` in the release rehearsal build (vite.config.ts). */
	const __APP_VERSION__: string;

	namespace App {
		interface Locals {
			locale: Locale;
		}
	}
}

export {};
