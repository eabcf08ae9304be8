/** Where the device's copy of the catalog stands, for the pages (kept up by catalog-sync.svelte.ts). */
export const catalogStatus = $state({
	/** Whether the last attempt to reach the server succeeded. */
	serverReachable: true,
	syncing: false,
	lastSyncAt: null as number | null
});
