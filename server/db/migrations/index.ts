import type { Migration, MigrationProvider } from 'kysely';
import { m0001_catalog } from './0001_catalog';
import { m0002_signing } from './0002_signing';
import { m0003_audit } from './0003_audit';
import { m0004_admin } from './0004_admin';
import { m0005_qc } from './0005_qc';
import { m0007_push_digest } from './0007_push_digest';
import { m0008_keys } from './0008_keys';
import { m0010_statements } from './0010_statements';
import { m0011_limits } from './0011_limits';
import { m0012_office_coordinates } from './0012_office_coordinates';
import { m0013_practice } from './0013_practice';

/**
 * Migrations are listed in code, not read from a folder: the server is bundled by Vite, so
 * there is no migrations directory at run time. Names sort in the order they must run.
 */
const migrations: Record<string, Migration> = {
	'0001_catalog': m0001_catalog,
	'0002_signing': m0002_signing,
	'0003_audit': m0003_audit,
	'0004_admin': m0004_admin,
	'0005_qc': m0005_qc,
	'0007_push_digest': m0007_push_digest,
	'0008_keys': m0008_keys,
	'0010_statements': m0010_statements,
	'0011_limits': m0011_limits,
	'0012_office_coordinates': m0012_office_coordinates,
	'0013_practice': m0013_practice
};

export const migrationProvider: MigrationProvider = {
	async getMigrations() {
		return migrations;
	}
};
