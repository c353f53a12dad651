// The reference of bench:page: a bare node:http server sending the given bytes with the given
// content type, nothing else. Started as its own process, like the app.
import { readFileSync } from "node:fs";
import http from "node:http";

const [file, port, contentType] = process.argv.slice(2);
const body = readFileSync(file);
http
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": contentType, "content-length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1", () => console.log("ready"));
