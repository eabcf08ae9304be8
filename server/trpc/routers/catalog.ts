import { catalogPullInput } from '../../../src/lib/domain/catalog-protocol';
import { pullCatalog } from '../../services/catalog';
import { publicProcedure, router } from '../trpc';

export const catalogRouter = router({
	pull: publicProcedure.input(catalogPullInput).query(({ ctx, input }) => {
		return pullCatalog(ctx.app.database.db, input.sinceVersion, ctx.app.now());
	})
});
