import { devicePullInput } from '../../../src/lib/domain/sync-protocol';
import { pullForDevice } from '../../services/device-pull';
import { scheduleQcRefreshOf } from '../../services/qc/schedule';
import { pushRequest, syncPush } from '../../services/sync';
import { publicProcedure, router } from '../trpc';

export const syncRouter = router({
	pull: publicProcedure.input(devicePullInput).query(({ ctx, input }) => pullForDevice(ctx.app, input)),
	push: publicProcedure.input(pushRequest).mutation(async ({ ctx, input }) => {
		const { result, acceptedWindows } = await syncPush(ctx.app, input, ctx.log);
		// Quality control (DESIGN §6): visits with newly accepted signatures enter the sampling
		// frame as they are reconciled. In the background, coalesced: the push never waits for it.
		// Only the windows this push accepted signatures into are refreshed, so the cost follows the push.
		if (acceptedWindows.size) void scheduleQcRefreshOf(ctx.app, acceptedWindows);
		return result;
	})
});
