/**
 * The second cache of an office PC (issue 16 §3): office mode's built files, kept only on a PC
 * enrolled as an office device. Shared by the service worker and the page that asks for it.
 */
export const OFFICE_CACHE = 'klatiene-office';

/** The worker's answer to `OFFICE_DEVICE` (fill the cache) and `OFFICE_FILES` (list them). */
export interface OfficeFilesReply {
	ok: boolean;
	/** Every file an office PC keeps beyond the precache. */
	files: string[];
	/** Those of them a public page loads too when online (the tRPC client): not office mode's own. */
	shared: string[];
}
