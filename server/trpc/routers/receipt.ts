import { z } from 'zod';
import { checkReceipt } from '../../services/receipts';
import { publicProcedure, router } from '../trpc';

export const receiptRouter = router({
	check: publicProcedure
		.input(z.object({ code: z.string().max(64) }))
		.query(({ ctx, input }) => checkReceipt(ctx.app, input, ctx.clientAddress))
});
