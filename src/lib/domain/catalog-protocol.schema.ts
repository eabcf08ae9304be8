/**
 * The schema the server checks `catalog.pull` input with. Server and tests only: browser code
 * imports catalog-protocol.ts, which has no zod.
 */
import { z } from 'zod';
import type { CatalogPullInput } from './catalog-protocol';

export const catalogPullInput = z.object({
	sinceVersion: z.number().int().min(0).default(0)
});

// The schema and the interface the browser uses must describe the same input.
true satisfies Same<z.input<typeof catalogPullInput>, CatalogPullInput>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
