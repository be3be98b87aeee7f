// A store that keeps a reader's annotations on your server, through fetch. The reader calls it as it calls the
// built-in stores; annotation-server.mjs beside this file is a server it talks to.
//
//   import { FetchStore } from './fetch-store.js';
//   reader.store = new FetchStore('/api/annotations', { headers: { authorization: `Bearer ${token}` } });
import { StoreError, type Annotation, type AnnotationStore } from 'essay-reader/core.js';

export interface FetchStoreOptions {
  /** Headers for every request (a session token, say). */
  headers?: Record<string, string>;
  /** The fetch to use (for tests, or a wrapper that refreshes tokens). */
  fetch?: typeof fetch;
}

export class FetchStore implements AnnotationStore {
  constructor(
    private readonly base: string,
    private readonly options: FetchStoreOptions = {},
  ) {}

  async load(documentId: string): Promise<Annotation[]> {
    const response = await this.request('GET', documentId);
    const list: unknown = await response.json();
    if (!Array.isArray(list)) throw new StoreError('corrupt', `FetchStore: the server sent ${typeof list} for ${documentId}, not a list`);
    return list as Annotation[];
  }

  async save(documentId: string, annotation: Annotation): Promise<void> {
    await this.request('PUT', documentId, annotation.id, annotation);
  }

  /** One request for many (an import): the reader uses it when a store has it. */
  async saveMany(documentId: string, annotations: Annotation[]): Promise<void> {
    await this.request('POST', documentId, undefined, annotations);
  }

  async remove(documentId: string, id: string): Promise<void> {
    await this.request('DELETE', documentId, id);
  }

  private async request(method: string, documentId: string, id?: string, body?: unknown): Promise<Response> {
    const url = `${this.base}/${encodeURIComponent(documentId)}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.options.headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      // Offline, or the server is down: the reader keeps the change, says it is unsaved, and offers Retry.
      throw new StoreError('unavailable', `FetchStore: ${method} ${url}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      const reason = (await response.text()).slice(0, 200);
      throw new StoreError(response.status === 413 ? 'quota' : 'failed', `FetchStore: ${method} ${url}: ${response.status} ${reason}`);
    }
    return response;
  }
}
