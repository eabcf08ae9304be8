/**
 * Whether this build may use the device's database. After a rollback (a newer build upgraded
 * the schema, then an older build is served again) the older build must not read or write
 * what the newer one wrote: it stops, and the layout tells the clerk to wait and reload
 * (NewerDataNotice.svelte). Nothing is deleted; the newer build opens the data again as it left it.
 */
export const deviceDbStatus = $state({ newerSchema: false });
