import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { callTravelsAlone } from '../../src/lib/domain/call-batching';
import type { App } from '../app';
import type { StaffRole } from '../db/schema';
import type { SessionInfo } from '../services/auth';
import { ValidationError } from '../services/catalog';

export interface Context {
	app: App;
	request: Request;
	/** Headers of the response (Set-Cookie); tRPC's fetch adapter sends them. */
	resHeaders: Headers;
	/** The client's address, for rate limits (adapter-node: ADDRESS_HEADER behind a proxy). */
	clientAddress: string;
	/** The staff session from the `kt_session` cookie, if it is live. */
	session: SessionInfo | null;
	/** The raw session token from the cookie, for logout. */
	sessionToken: string | undefined;
	/** True when the request came over https: cookies are then Secure. */
	secure: boolean;
	/** True when the request's Origin is our own (checked for every mutation). */
	sameOrigin: boolean;
	/** How many calls the HTTP request carries (a batch carries several); 1 when unknown. */
	callsInRequest?: number;
}

const t = initTRPC.context<Context>().create({
	// Never send stack traces to clients, whatever NODE_ENV says.
	isDev: false,
	errorFormatter({ shape, error }) {
		const cause = error.cause;
		return {
			...shape,
			// Internal failures say nothing about our database or code to the client.
			message:
				error.code === 'INTERNAL_SERVER_ERROR'
					? 'Internal server error'
					: cause instanceof ZodError
						? `Invalid input: ${cause.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`
						: shape.message,
			data: {
				code: shape.data.code,
				httpStatus: shape.data.httpStatus,
				path: shape.data.path,
				// Which input field is wrong and why, so forms can point at it.
				issues:
					cause instanceof ZodError
						? cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
						: cause instanceof ValidationError
							? cause.issues
							: undefined
			}
		};
	}
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * tRPC JSON mutations are not covered by SvelteKit's CSRF check (DESIGN §5), so every
 * mutation must come from our own origin: browsers always send Origin on a POST.
 */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
	if (type === 'mutation' && !ctx.sameOrigin) {
		throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-origin request refused' });
	}
	return next();
});

/**
 * A service that refuses its input throws ValidationError (with reason codes per field): that
 * is the client's mistake, answered 400 with the reasons, never a 500.
 */
const validationIsBadRequest = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok && result.error.cause instanceof ValidationError) {
		throw new TRPCError({ code: 'BAD_REQUEST', message: result.error.cause.message, cause: result.error.cause });
	}
	return result;
});

/**
 * Logins, receipt codes and enrollment codes are checked one call per request
 * (src/lib/domain/call-batching.ts): a batch carrying one of them is refused call by call,
 * before any input is read or counted.
 */
const aloneIfSecret = t.middleware(({ ctx, path, next }) => {
	if ((ctx.callsInRequest ?? 1) > 1 && callTravelsAlone(path)) {
		throw new TRPCError({ code: 'BAD_REQUEST', message: `${path} must be sent alone, not in a batch` });
	}
	return next();
});

export const publicProcedure = t.procedure.use(aloneIfSecret).use(sameOriginMutations).use(validationIsBadRequest);

/** A procedure for logged-in staff; with roles, only for those roles. */
export function staffProcedure(...roles: StaffRole[]) {
	return publicProcedure.use(({ ctx, next }) => {
		if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Log in first' });
		if (roles.length && !roles.includes(ctx.session.staff.role)) {
			throw new TRPCError({ code: 'FORBIDDEN', message: 'Not allowed for this role' });
		}
		return next({ ctx: { ...ctx, session: ctx.session } });
	});
}
