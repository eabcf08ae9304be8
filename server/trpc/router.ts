import { authRouter } from './routers/auth';
import { catalogRouter } from './routers/catalog';
import { deviceRouter } from './routers/device';
import { receiptRouter } from './routers/receipt';
import { syncRouter } from './routers/sync';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
	catalog: catalogRouter,
	auth: authRouter,
	device: deviceRouter,
	sync: syncRouter,
	receipt: receiptRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
