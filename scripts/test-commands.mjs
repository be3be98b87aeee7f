/**
 * web-test-runner commands that need the browser's own machinery, not the page's:
 * - `touch-tap` `{ position: [x, y] }` taps with a real touch point (puppeteer's touchscreen: CDP
 *   Input.dispatchTouchEvent in Chromium, a WebDriver BiDi touch pointer in Firefox), so the page sees
 *   `pointerType: 'touch'` the way a phone sends it.
 * - `accessible-name` `{ selector }` is the name the browser's accessibility tree gives the first element
 *   matching `selector` in the light DOM (CDP Accessibility.getPartialAXTree), as `{ name }`: what a screen
 *   reader announces. Chromium only; elsewhere it answers `{ name: null }`.
 */
export function testCommandsPlugin() {
  return {
    name: 'essay-test-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'touch-tap') {
        const [x, y] = payload?.position ?? [];
        if (!Number.isInteger(x) || !Number.isInteger(y)) throw new TypeError('touch-tap: expected { position: [x, y] } with integer coordinates');
        await session.browser.getPage(session.id).touchscreen.tap(x, y);
        return true;
      }
      if (command === 'accessible-name') {
        if (typeof payload?.selector !== 'string') throw new TypeError('accessible-name: expected { selector: string }');
        const page = session.browser.getPage(session.id);
        if (session.browser.name !== 'Chrome') return { name: null };
        const cdp = await page.createCDPSession();
        try {
          const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: payload.selector });
          if (!nodeId) throw new Error(`accessible-name: nothing matches ${payload.selector}`);
          const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
          return { name: nodes[0]?.name?.value ?? '' };
        } finally {
          await cdp.detach();
        }
      }
      return undefined;
    },
  };
}
