import { z } from 'zod';
import { withdrawReport } from '../../services/qc/report-withdrawal';
import { reportNotSigned } from '../../services/qc/reports';
import { checkReceipt } from '../../services/receipts';
import { publicProcedure, router } from '../trpc';

export const receiptRouter = router({
	// A mutation, so the code travels in a POST body: as a GET query it would be in the URL,
	// and so in access logs, proxy logs and the browser's history.
	check: publicProcedure
		.input(z.object({ code: z.string().max(64) }))
		.mutation(({ ctx, input }) => checkReceipt(ctx.app, input, ctx.clientAddress)),
	/** "I did not sign this" (DESIGN §6): by receipt code only, rate limited with the check. */
	report: publicProcedure
		.input(
			z.object({
				code: z.string().max(64),
				scope: z.enum(['visit', 'initiatives']),
				initiativeIds: z.array(z.string().min(1).max(64)).max(50).optional()
			})
		)
		.mutation(({ ctx, input }) => reportNotSigned(ctx.app, input, ctx.clientAddress)),
	/** Takes a report back within a few minutes of it (issue 11 §4), by the same receipt code. */
	withdrawReport: publicProcedure
		.input(z.object({ code: z.string().max(64) }))
		.mutation(({ ctx, input }) => withdrawReport(ctx.app, input, ctx.clientAddress))
});
