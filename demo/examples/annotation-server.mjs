// An annotation server for essay-reader's FetchStore (fetch-store.ts beside it), as small as one can be: Node's
// own http types, no framework, annotations kept in memory. A real one keeps them in a database, and checks who
// may write: see the comments marked "A real server".
//
//   GET    {base}/{document}          → 200, the document's annotations (a JSON array, in the order first saved)
//   PUT    {base}/{document}/{id}     → 204, saves one annotation (the body), replacing the one with its id
//   POST   {base}/{document}          → 204, saves a JSON array of annotations, all or nothing
//   DELETE {base}/{document}/{id}     → 204, removes it (nothing if it is not there)
//
// Bad requests get a status and a one-line reason: 400 (not JSON, not an annotation, an id that is not the URL's),
// 404 (another path), 405 (another method), 413 (a body over the limit).
//
// import { createServer } from 'node:http';
// createServer(annotationHandler()).listen(8080);

const LIMIT = 1 << 20; // bytes in one request body

/** A request handler for node:http (and Connect-style middleware: it calls `next` for other paths). */
export function annotationHandler({ base = '/api/annotations' } = {}) {
  /** document id → (annotation id → annotation), in the order first saved. A real server: a table. */
  const documents = new Map();
  const annotationsOf = (document) => documents.get(document) ?? documents.set(document, new Map()).get(document);

  return async function handle(req, res, next) {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(`${base}/`)) return next ? next() : send(res, 404, 'Not an annotation path');
    const [document, id, ...rest] = url.pathname.slice(base.length + 1).split('/').map(decodeURIComponent);
    if (!document || rest.length > 0) return send(res, 404, 'Expected {base}/{document} or {base}/{document}/{id}');
    // A real server: find the reader from the request (a session, a token) and refuse what they may not do.
    try {
      if (req.method === 'GET' && id === undefined) return send(res, 200, JSON.stringify([...annotationsOf(document).values()]));
      if (req.method === 'PUT' && id !== undefined) {
        const annotation = checked(await body(req), id);
        annotationsOf(document).set(annotation.id, annotation);
        return send(res, 204);
      }
      if (req.method === 'POST' && id === undefined) {
        const list = await body(req);
        if (!Array.isArray(list)) throw new RequestError(400, 'Expected a JSON array of annotations');
        const annotations = list.map((item) => checked(item));
        const kept = annotationsOf(document);
        for (const annotation of annotations) kept.set(annotation.id, annotation);
        return send(res, 204);
      }
      if (req.method === 'DELETE' && id !== undefined) {
        annotationsOf(document).delete(id);
        return send(res, 204);
      }
      return send(res, 405, `${req.method} is not allowed here`);
    } catch (error) {
      if (error instanceof RequestError) return send(res, error.status, error.message);
      throw error;
    }
  };
}

class RequestError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** An annotation as the server accepts it: an object with a string id (the URL's, when the URL names one). */
function checked(value, id) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestError(400, 'Expected an annotation (a JSON object)');
  if (typeof value.id !== 'string' || value.id === '') throw new RequestError(400, 'The annotation has no id');
  if (id !== undefined && value.id !== id) throw new RequestError(400, `The annotation's id is not the one in the URL (${id})`);
  return value;
}

async function body(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > LIMIT) throw new RequestError(413, `The body is over ${LIMIT} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(400, 'The body is not JSON');
  }
}

function send(res, status, text) {
  res.statusCode = status;
  if (text !== undefined) res.setHeader('content-type', status === 200 ? 'application/json' : 'text/plain; charset=utf-8');
  res.end(text);
}
