/**
 * What every service is given: the configuration, the database, the keys and the clock. Its own
 * module, so services depend on this shape and not on server/app.ts, which builds it (and
 * imports services to do so); tests build their own (tests/server/kit.ts) with a settable clock.
 */
import type { Config } from './config';
import type { DatabaseHandle } from './db/connect';
import type { Secrets } from './secrets';

export interface App {
	config: Config;
	database: DatabaseHandle;
	secrets: Secrets;
	now(): number;
}
