// Pages render on the server for a fast first paint, then run from the device's data.
export const ssr = true;
export const trailingSlash = 'never';
