import { catalogPullInput } from '../../../src/lib/domain/catalog-protocol.schema';
import { cachedCatalogPull } from '../../services/catalog-cache';
import { publicProcedure, router } from '../trpc';

export const catalogRouter = router({
	// Reused for up to a second between catalog changes (services/catalog-cache.ts).
	pull: publicProcedure.input(catalogPullInput).query(({ ctx, input }) => cachedCatalogPull(ctx.app, input.sinceVersion))
});
