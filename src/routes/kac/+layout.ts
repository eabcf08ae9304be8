// Office mode runs from the device (IndexedDB, WebCrypto) and must work with the server down:
// it renders in the browser only, and the service worker serves the app shell for it offline.
export const ssr = false;
export const prerender = false;
