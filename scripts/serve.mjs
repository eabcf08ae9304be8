// The production server: `node scripts/serve.mjs` (what `npm start` runs) instead of `node build`.
// It is adapter-node's `handler` in a plain node:http server, with the one fast path SvelteKit
// would only slow down: `GET /api/trpc/catalog.pull`, answered from the app's cache as
// pre-serialised bytes (server/http/catalog-fast.ts, registered by the hook's `init`), and the
// security headers on every response, static files included (server/http/security-headers.ts).
// Same environment as `node build` (PORT, HOST, ORIGIN, …, read by build/handler.js);
// SOCKET_PATH, systemd socket activation and KEEP_ALIVE_TIMEOUT/HEADERS_TIMEOUT are left to `node build`.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
// Importing the handler runs the hook's init: database, migrations, demo data, fast path.
// KLATIENE_BUILD_DIR serves another build (the release rehearsal's build N+1); default ./build.
const buildDir = process.env.KLATIENE_BUILD_DIR ?? new URL('../build', import.meta.url).pathname;
const { handler } = await import(pathToFileURL(`${buildDir}/handler.js`).href);

// Browser hardening headers (server/http/security-headers.ts), set before adapter-node answers:
// its static files (sirv) are served without the hook; what the hook answers replaces the CSP.
const hardening = globalThis[Symbol.for('klatiene.http.securityHeaders')] ?? (() => {});
// The icon is on every page; the rest of static/ (service worker, manifest) must stay revalidated.
const LONG_LIVED = /^\/(favicon\.svg|icons\/[\w.-]+\.png)$/;
const passOn = (req, res) => {
	hardening(res);
	if (req.url && LONG_LIVED.test(req.url)) res.setHeader('cache-control', 'public, max-age=604800');
	handler(req, res, () => res.writeHead(404).end());
};
const fastPath = globalThis[Symbol.for('klatiene.http.fastPath')];

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const server = http.createServer(fastPath ? (req, res) => fastPath(req, res, () => passOn(req, res)) : passOn);
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

// As `node build`: stop accepting, let requests in flight finish (at most SHUTDOWN_TIMEOUT s).
let stopping = false;
function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	server.close(() => process.emit('sveltekit:shutdown', reason));
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
