import { expect, fixture, html } from '@open-wc/testing';
import { TextIndex } from '../../../src/core/text/text-index.js';

describe('TextIndex', () => {
  it('collapses white space from markup into single spaces', async () => {
    const root = await fixture(html`<div>
      <p>One   two</p>
      <p>three&nbsp;four</p>
    </div>`);
    expect(TextIndex.build(root).text).to.equal('One two three four ');
  });

  it('leaves out scripts, hidden and aria-hidden content, pull-quotes and library UI', async () => {
    const root = await fixture(html`<div><p>a<script>var x</script>b</p><p hidden>no</p><span aria-hidden="true">dup</span
      ><template>t</template><essay-pullquote quote="x">pq</essay-pullquote><span data-essay-ui>1</span>c</div>`);
    expect(TextIndex.build(root).text).to.equal('abc');
  });

  it('maps offsets to DOM positions and back across elements', async () => {
    const root = await fixture(html`<p>Hello <em>bright</em> world</p>`);
    const index = TextIndex.build(root);
    const at = index.text.indexOf('bright world');
    const range = index.rangeFor(at, at + 'bright world'.length);
    expect(range.toString()).to.equal('bright world');
    expect(range.startContainer.parentElement!.localName).to.equal('em');
    expect(index.offsetsOf(range)).to.deep.equal({ start: at, end: at + 12 });
  });

  it('maps a boundary between elements to the next character', async () => {
    const root = await fixture(html`<div><p>ab</p><p>cd</p></div>`);
    const index = TextIndex.build(root);
    expect(index.offsetOf(root, 1)).to.equal(2); // after the first <p>
    expect(index.offsetOf(root, 2)).to.equal(4); // at the end
    expect(index.offsetOf(root.querySelector('p')!, 0)).to.equal(0);
  });

  it('rejects offsets outside the text with a RangeError that names them', async () => {
    const index = TextIndex.build(await fixture(html`<p>abc</p>`));
    expect(() => index.positionAt(4)).to.throw(RangeError, 'offset 4 is outside the text (0 to 3)');
    expect(() => TextIndex.build(null as unknown as Node)).to.throw(TypeError, 'root: expected a DOM Node, got null');
  });
});
