// The limits of an opinions upload, shown on the page and enforced on the server.

export { MAX_UPLOAD_BYTES } from "~/files/detect.ts";
export const MAX_OPINION_ROWS = 20_000;
