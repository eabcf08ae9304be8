import { devicePullInput } from '../../../src/lib/domain/sync-protocol';
import { pullForDevice } from '../../services/device-pull';
import { scheduleQcRefresh } from '../../services/qc/schedule';
import { pushEnvelope, pushRecords } from '../../services/sync';
import { publicProcedure, router } from '../trpc';

export const syncRouter = router({
	pull: publicProcedure.input(devicePullInput).query(({ ctx, input }) => pullForDevice(ctx.app, input)),
	push: publicProcedure.input(pushEnvelope).mutation(async ({ ctx, input }) => {
		const result = await pushRecords(ctx.app, input);
		// Quality control (DESIGN §6): visits with newly accepted signatures enter the sampling
		// frame as they are reconciled. In the background, coalesced: the push never waits for it.
		const signatureSeqs = new Set(input.records.filter((r) => r.type === 'signature').map((r) => r.seq));
		if (result.ok && result.results.some((r) => r.state === 'accepted' && signatureSeqs.has(r.seq))) {
			void scheduleQcRefresh(ctx.app);
		}
		return result;
	})
});
