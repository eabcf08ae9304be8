// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n/locale';
import type { Logger } from '$server/log';

declare global {
	/** package.json's version, and `+next` in the release rehearsal build (vite.config.ts). */
	const __APP_VERSION__: string;

	namespace App {
		interface Locals {
			locale: Locale;
			/** This request's id (src/hooks.server.ts): in every log line of it and the x-request-id header. */
			requestId: string;
			/** The server's logger, with this request's id on every line. */
			log: Logger;
		}
	}
}

export {};
