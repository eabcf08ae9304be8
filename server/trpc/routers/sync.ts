import { devicePullInput } from '../../../src/lib/domain/sync-protocol';
import { pullForDevice } from '../../services/device-pull';
import { pushEnvelope, pushRecords } from '../../services/sync';
import { publicProcedure, router } from '../trpc';

export const syncRouter = router({
	pull: publicProcedure.input(devicePullInput).query(({ ctx, input }) => pullForDevice(ctx.app, input)),
	push: publicProcedure.input(pushEnvelope).mutation(({ ctx, input }) => pushRecords(ctx.app, input))
});
