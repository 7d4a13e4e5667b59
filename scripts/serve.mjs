// Static server for www/: the Content-Security-Policy the page is built to run under, the wasm MIME type,
// loopback only. `node scripts/serve.mjs [port]` (port 0 picks a free one); prints the address it serves.
//
// Compression and caching suit a static site: a client that sends `Accept-Encoding: br` (or gzip) gets the
// file brotli- (or gzip-) compressed by node:zlib, once per file version (kept in memory); every answer has
// a strong `ETag` (a hash of the file's bytes, suffixed per encoding) with `Cache-Control: no-cache`, so a
// browser keeps its copy and revalidates it (`If-None-Match` → 304, no body), and `Vary: Accept-Encoding`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
const ROOT = resolve(fileURLToPath(new URL("../www/", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".ts": "text/plain; charset=utf-8", ".ico": "image/x-icon",
};
// Already-compressed formats are sent as they are.
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".ts", ".ico"]);

/** Per file: its version (mtime and size), bytes, hash, and the compressed variants made so far. */
const cache = new Map();

async function load(file) {
  const info = await stat(file);
  if (!info.isFile()) throw new Error("not a file");
  const version = `${info.mtimeMs}:${info.size}`;
  let entry = cache.get(file);
  if (!entry || entry.version !== version) {
    const body = await readFile(file);
    const tag = createHash("sha256").update(body).digest("base64url").slice(0, 22);
    entry = { version, body, tag, variants: new Map() };
    cache.set(file, entry);
  }
  return entry;
}

function variant(entry, encoding) {
  let out = entry.variants.get(encoding);
  if (!out) {
    out = encoding === "br"
      ? brotliCompressSync(entry.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length } })
      : gzipSync(entry.body, { level: 9 });
    entry.variants.set(encoding, out);
  }
  return out;
}

/** The encoding to answer with: brotli over gzip, only when the client accepts it (q > 0). */
export function pickEncoding(header) {
  const accepted = new Map();
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

export function serve(port = 8080, host = "127.0.0.1") {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path;
    try {
      path = normalize(decodeURIComponent(url.pathname));
    } catch {
      res.writeHead(400, { "content-type": "text/plain" }).end("bad request");
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = join(ROOT, path);
    if (!file.startsWith(ROOT)) { res.writeHead(403).end(); return; }
    let entry;
    try {
      entry = await load(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const ext = extname(file);
    const encoding = COMPRESSIBLE.has(ext) && entry.body.length > 256 ? pickEncoding(req.headers["accept-encoding"]) : null;
    const etag = `"${entry.tag}${encoding ? `-${encoding}` : ""}"`;
    const headers = {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "content-security-policy": CSP, "x-content-type-options": "nosniff",
      "cache-control": "no-cache", etag, vary: "Accept-Encoding",
    };
    const match = String(req.headers["if-none-match"] ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
    if (match.includes(etag) || match.includes("*")) {
      res.writeHead(304, headers).end();
      return;
    }
    const body = encoding ? variant(entry, encoding) : entry.body;
    if (encoding) headers["content-encoding"] = encoding;
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] ?? 8080));
  const { port } = server.address();
  console.log(`certcalc is served at http://127.0.0.1:${port}/ (Ctrl-C stops it)`);
}
