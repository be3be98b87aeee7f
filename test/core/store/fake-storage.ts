/** A Storage for tests: a Map behind the Storage interface, that can be told to fail like a full or blocked one. */
export class FakeStorage implements Storage {
  readonly items = new Map<string, string>();
  failWith: 'quota' | 'security' | null = null;

  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    if (this.failWith === 'security') throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWith === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (this.failWith === 'security') throw new DOMException('The operation is insecure.', 'SecurityError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}
