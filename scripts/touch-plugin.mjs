/**
 * A web-test-runner command that taps with a real touch point (puppeteer's touchscreen: CDP
 * Input.dispatchTouchEvent in Chromium, a WebDriver BiDi touch pointer in Firefox), so tests see
 * `pointerType: 'touch'` the way a phone sends it. `executeServerCommand('touch-tap', { position: [x, y] })`.
 */
export function touchPlugin() {
  return {
    name: 'touch-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'touch-tap') return undefined;
      const [x, y] = payload?.position ?? [];
      if (!Number.isInteger(x) || !Number.isInteger(y)) throw new TypeError('touch-tap: expected { position: [x, y] } with integer coordinates');
      const page = session.browser.getPage(session.id);
      await page.touchscreen.tap(x, y);
      return true;
    },
  };
}
