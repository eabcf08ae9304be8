/**
 * What the service worker keeps on this device, read through the Cache API in the page, and the
 * worker's own list of office mode's files (issue 16 §3, src/service-worker.ts).
 */
import type { Page } from '@playwright/test';

export const OFFICE_CACHE = 'klatiene-office';

/**
 * The office files of the build whose worker is active now: all an office PC keeps, or only
 * office mode's own (`ownOnly`: without the tRPC client a public page loads too).
 */
export function officeFilesOfWorker(page: Page, ownOnly = false): Promise<string[]> {
	return page.evaluate(async (ownOnly) => {
		const worker = (await navigator.serviceWorker.ready).active!;
		return new Promise<string[]>((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = (e) => {
				const { files, shared } = e.data as { files: string[]; shared: string[] };
				resolve(ownOnly ? files.filter((f) => !shared.includes(f)) : files);
			};
			worker.postMessage({ type: 'OFFICE_FILES' }, [channel.port2]);
		});
	}, ownOnly);
}

/** Every cache on the device: its name, the paths it holds and their bytes in all. */
export function deviceCaches(page: Page): Promise<{ name: string; paths: string[]; bytes: number }[]> {
	return page.evaluate(async () => {
		const out = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			let bytes = 0;
			const paths: string[] = [];
			for (const request of await cache.keys()) {
				paths.push(new URL(request.url).pathname);
				bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
			}
			out.push({ name, paths, bytes });
		}
		return out;
	});
}

/** The office files of the active worker that the office cache does not hold (yet). */
export async function officeFilesMissing(page: Page): Promise<string[]> {
	const files = await officeFilesOfWorker(page);
	const office = (await deviceCaches(page)).find((c) => c.name === OFFICE_CACHE);
	return files.filter((f) => !office?.paths.includes(f));
}
