import { expect } from '@open-wc/testing';
import { StoreError, type Annotation } from '../../src/core/index.js';
import { FetchStore } from '../../demo/examples/fetch-store.js';
import { describeStoreContract } from '../core/store/store-contract.js';

/* The docs' server-store example, run against the docs' example server (demo/examples/annotation-server.mjs,
   mounted per run by scripts/docs-servers.mjs): it must keep the contract every store keeps. */

const newBase = () => `/__store/${crypto.randomUUID()}/api/annotations`;

describeStoreContract('FetchStore, the docs example, against the example server', () => {
  const base = newBase();
  return { open: () => new FetchStore(base), close: async () => {} };
});

describe('FetchStore, the docs example: failures the reader can act on', () => {
  const note: Annotation = { id: 'a', type: 'Annotation', body: { type: 'TextualBody', value: 'x' }, target: 'doc' };

  it('reports an unreachable server as unavailable, so the reader offers Retry', async () => {
    const store = new FetchStore('/api', { fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const error = await store.save('doc', note).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StoreError);
    expect((error as StoreError).kind).to.equal('unavailable');
    expect((error as StoreError).message).to.contain('PUT /api/doc/a');
  });

  it('reports a body over the server’s limit as quota, and the server’s reason', async () => {
    const store = new FetchStore(newBase());
    const huge = { ...note, body: { type: 'TextualBody', value: 'x'.repeat(1_100_000) } } as Annotation;
    const error = (await store.save('doc', huge).catch((e: unknown) => e)) as StoreError;
    expect(error.kind).to.equal('quota');
    expect(error.message).to.contain('413');
    expect(await store.load('doc'), 'nothing half-saved').to.deep.equal([]);
  });

  it('is refused an annotation whose id is not the URL’s, with the reason', async () => {
    const base = newBase();
    const response = await fetch(`${base}/doc/b`, { method: 'PUT', body: JSON.stringify(note), headers: { 'content-type': 'application/json' } });
    expect(response.status).to.equal(400);
    expect(await response.text()).to.contain('not the one in the URL');
  });
});
