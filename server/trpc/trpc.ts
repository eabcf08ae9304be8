import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { App } from '../app';

export interface Context {
	app: App;
	request: Request;
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
						: undefined
			}
		};
	}
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
