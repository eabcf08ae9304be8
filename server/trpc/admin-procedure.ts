import { TRPCError } from '@trpc/server';
import { adminAccess } from '../services/admin/access';
import { publicProcedure } from './trpc';

/**
 * A procedure for administrators only, by the same rule as the /admin pages
 * (services/admin/access.ts): anonymous → UNAUTHORIZED; clerks, auditors and sessions on a
 * library device → FORBIDDEN.
 */
export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
	const access = await adminAccess(ctx.app, ctx.session);
	if (!access.ok) {
		if (access.reason === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in first' });
		throw new TRPCError({ code: 'FORBIDDEN', message: 'Only administrators may do this' });
	}
	return next({ ctx: { ...ctx, session: access.session, actor: access.actor } });
});
