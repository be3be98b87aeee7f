/**
 * The strict Content-Security-Policy the library is tested under (README, "Content-Security-Policy"): no inline
 * script or style, no eval, Trusted Types required for every script sink, with one policy allowed: `lit-html`,
 * which Lit creates to stamp its own templates (never data).
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/**
 * web-test-runner middleware: serves `…?csp=strict` pages with {@link STRICT_CSP}, reporting violations to
 * `/__csp-report`, where a test reads them (GET) and clears them (DELETE).
 */
export function cspMiddleware() {
  const reports = [];
  return async (ctx, next) => {
    if (ctx.path === '/__csp-report') {
      if (ctx.method === 'POST') {
        let body = '';
        for await (const chunk of ctx.req) body += chunk;
        reports.push(body);
        ctx.status = 204;
      } else if (ctx.method === 'DELETE') {
        reports.length = 0;
        ctx.status = 204;
      } else {
        ctx.type = 'application/json';
        ctx.body = JSON.stringify(reports);
      }
      return;
    }
    await next();
    if (ctx.query.csp === 'strict') ctx.set('Content-Security-Policy', `${STRICT_CSP}; report-uri /__csp-report`);
  };
}
