// An empty, prerendered page that boots the client router at whatever URL it is served for.
// The service worker serves it for navigations it cannot answer otherwise (offline).
export const ssr = false;
export const prerender = true;
