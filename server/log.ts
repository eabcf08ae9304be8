/**
 * The server's one logger (pino): one JSON object a line in production, for a log collector; a
 * readable line with `npm start` (scripts/start.mjs sets LOG_FORMAT=pretty) and in a terminal.
 * Requests log through a child carrying their request id (src/hooks.server.ts, tRPC's context,
 * the push), so one id finds every line of one request.
 *
 * Never log personal data: no personal code, name, phone, document, receipt code, query string or
 * request body. Log ids (device, window, initiative), counts and reason codes
 * (tests/server/logs.spec.ts greps a signing's logs for the people in it).
 *
 * LOG_LEVEL and LOG_FORMAT are read here rather than in config.ts: the logger exists before the
 * configuration is parsed, to report a configuration that does not parse.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function createLogger(o: { format?: LogFormat; level?: string; destination?: DestinationStream } = {}): Logger {
	const options: LoggerOptions = {
		level: o.level && LEVELS.includes(o.level) ? o.level : 'info',
		base: { pid: process.pid },
		// Errors as { type, message, stack }: a cause's message, never the input that caused it.
		serializers: { err: pino.stdSerializers.err }
	};
	const destination = o.destination ?? (o.format === 'pretty' ? readable(process.stdout) : undefined);
	return destination ? pino(options, destination) : pino(options);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'err']);

/**
 * A readable line per record (`16:20:01 INFO  push device=… accepted=3`), the error's stack below
 * it. pino-pretty would do more, with thirteen dependencies; a person reading `npm start` needs
 * only this.
 */
export function readable(out: { write(s: string): unknown }): DestinationStream {
	return {
		write(line: string) {
			let r: Record<string, unknown>;
			try {
				r = JSON.parse(line);
			} catch {
				out.write(line);
				return;
			}
			const time = new Date(Number(r.time)).toISOString().slice(11, 19);
			const level = (LEVEL_NAMES[Number(r.level)] ?? String(r.level)).padEnd(5);
			const fields = Object.entries(r)
				.filter(([k]) => !OMIT.has(k))
				.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
			const err = r.err as { stack?: string; message?: string } | undefined;
			const tail = err ? `\n${err.stack ?? err.message}` : '';
			out.write(`${time} ${level} ${r.msg ?? ''}${fields.length ? '  ' + fields.join(' ') : ''}${tail}\n`);
		}
	};
}

function defaultFormat(): LogFormat {
	const f = process.env.LOG_FORMAT;
	if (f === 'json' || f === 'pretty') return f;
	return process.stdout.isTTY ? 'pretty' : 'json';
}

/** Tests run quiet but for warnings and errors, unless LOG_LEVEL says otherwise. */
function defaultLevel(): string {
	return process.env.LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info');
}

export const log: Logger = createLogger({ format: defaultFormat(), level: defaultLevel() });
