/**
 * Quality control over tRPC (DESIGN §6), for auditors and administrators only, by the same rule
 * as the /qc pages (services/qc/access.ts). Anyone else, anonymous included, gets FORBIDDEN
 * (403) from every procedure. The phone number of a call is never sent here: it is shown only
 * on the call page, to the auditor holding the call, and that access is audited.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { QC_RESULTS } from '../../../src/lib/domain/qc-calls';
import { qcAccess } from '../../services/qc/access';
import { callList } from '../../services/qc/call-list';
import { callView, claimCall, claimNextCall, recordOutcome, releaseCall } from '../../services/qc/calls';
import { dashboard } from '../../services/qc/dashboard';
import { listFlags, resolveQcFlag } from '../../services/qc/flags';
import { scheduleQcRefresh } from '../../services/qc/schedule';
import { publicProcedure, router } from '../trpc';

export const qcProcedure = publicProcedure.use(async ({ ctx, next }) => {
	const access = await qcAccess(ctx.app, ctx.session);
	if (!access.ok) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only quality-control auditors may do this' });
	return next({ ctx: { ...ctx, session: access.session, actor: access.actor } });
});

const callId = z.object({ callId: z.string().min(1).max(64) });

export const qcRouter = router({
	calls: qcProcedure.query(async ({ ctx }) => {
		await scheduleQcRefresh(ctx.app);
		return callList(ctx.app, ctx.session.staff.id);
	}),
	next: qcProcedure.mutation(({ ctx }) => claimNextCall(ctx.app, ctx.session.staff.id)),
	claim: qcProcedure.input(callId).mutation(({ ctx, input }) => claimCall(ctx.app, ctx.session.staff.id, input.callId)),
	release: qcProcedure.input(callId).mutation(async ({ ctx, input }) => ({ ok: await releaseCall(ctx.app, ctx.session.staff.id, input.callId) })),
	callDetails: qcProcedure.input(callId).query(async ({ ctx, input }) => {
		const view = await callView(ctx.app, ctx.session.staff.id, input.callId, { withPhone: false });
		if (!view) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such call' });
		return view;
	}),
	record: qcProcedure
		.input(
			callId.extend({
				result: z.enum(QC_RESULTS),
				note: z.string().max(2000).default(''),
				initiativeIds: z.array(z.string().min(1).max(64)).max(50).optional()
			})
		)
		.mutation(({ ctx, input }) =>
			recordOutcome(ctx.app, ctx.session.staff.id, input.callId, { result: input.result, note: input.note, initiativeIds: input.initiativeIds })
		),
	flags: qcProcedure
		.input(z.object({ resolved: z.boolean().default(false) }).default({ resolved: false }))
		.query(({ ctx, input }) => listFlags(ctx.app, { resolved: input.resolved })),
	resolveFlag: qcProcedure
		.input(z.object({ flagId: z.string().min(1).max(64), note: z.string().max(2000) }))
		.mutation(({ ctx, input }) => resolveQcFlag(ctx.app, ctx.session.staff.id, input.flagId, input.note)),
	dashboard: qcProcedure.query(async ({ ctx }) => {
		await scheduleQcRefresh(ctx.app);
		return dashboard(ctx.app);
	}),
	refresh: qcProcedure.mutation(async ({ ctx }) => {
		await scheduleQcRefresh(ctx.app);
		return { ok: true as const };
	})
});
