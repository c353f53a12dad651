// The limits of an opinions upload, shown on the page and enforced on the server.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_OPINION_ROWS = 20_000;
