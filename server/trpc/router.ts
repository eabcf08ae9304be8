import { adminRouter } from './routers/admin';
import { authRouter } from './routers/auth';
import { catalogRouter } from './routers/catalog';
import { deviceRouter } from './routers/device';
import { qcRouter } from './routers/qc';
import { receiptRouter } from './routers/receipt';
import { syncRouter } from './routers/sync';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
	catalog: catalogRouter,
	auth: authRouter,
	device: deviceRouter,
	sync: syncRouter,
	receipt: receiptRouter,
	admin: adminRouter,
	qc: qcRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
