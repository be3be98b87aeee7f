import { expect, fixture, html } from '@open-wc/testing';
import { TextIndex } from '../../../src/core/text/text-index.js';
import { describeOffsets } from '../../../src/core/anchoring/describe.js';
import { locate } from '../../../src/core/anchoring/anchor.js';

describe('TextIndex', () => {
  it('collapses white space from markup into single spaces', async () => {
    const root = await fixture(html`<div>
      <p>One   two</p>
      <p>three&nbsp;four</p>
    </div>`);
    expect(TextIndex.build(root).text).to.equal('One two three four ');
  });

  it('leaves out code and the library UI, and reads the author’s hidden and aria-hidden text', async () => {
    const root = await fixture(html`<div><p>a<script>var x</script>b</p><p hidden>hidden words</p><span aria-hidden="true">widget words</span
      ><template>t</template><span data-essay-skip>1</span> c</div>`);
    expect(TextIndex.build(root).text).to.equal('ab hidden words widget words c');
  });

  it('reads a line break and a block boundary as a space between words', async () => {
    const root = await fixture(html`<div><p>foo<br>bar</p><h2>Heading</h2><p>Para<em>graph</em></p><ul><li>one</li><li>two</li></ul></div>`);
    const index = TextIndex.build(root);
    expect(index.text).to.equal('foo bar Heading Paragraph one two');
    const at = index.text.indexOf('foo bar');
    expect(index.rangeFor(at, at + 7).toString()).to.equal('foobar');
    const two = index.text.indexOf('one two');
    expect(index.offsetsOf(index.rangeFor(two, two + 7))).to.deep.equal({ start: two, end: two + 7 });
  });

  it('indexes a whole Document', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><title>T</title><body><p>Dear reader,</p><p>hello</p>', 'text/html');
    const index = TextIndex.build(doc);
    expect(index.text).to.equal('Dear reader, hello');
    expect(index.rangeFor(0, 4).toString()).to.equal('Dear');
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
    expect(index.text).to.equal('ab cd');
    expect(index.offsetOf(root, 1)).to.equal(3); // after the first <p>: the "c"
    expect(index.offsetOf(root, 2)).to.equal(5); // at the end
    expect(index.offsetOf(root.querySelector('p')!, 0)).to.equal(0);
  });

  it('counts raw offsets as textContent does (as Hypothesis and Apache Annotator count positions), leaving out the library UI', async () => {
    const root = await fixture(html`<article>
      <h2>First,   let's talk</h2>
      <p>The heart<script>var ignored = 1;</script> is <em>not</em> like a box<br>that gets filled up.</p>
      <span data-essay-skip>UI</span>
      <p>It expands in size the more you love.</p>
    </article>`);
    const index = TextIndex.build(root);
    const content = root.textContent!;
    const raw = content.replace('UI', '');
    expect(index.rawLength).to.equal(raw.length);
    for (const phrase of ["let's talk", 'is not like', 'filled up.', 'more you love']) {
      const start = index.text.indexOf(phrase);
      const ours = { start: index.rawOffsetAt(start), end: index.rawOffsetAt(start + phrase.length, 'end') };
      expect(raw.slice(ours.start, ours.end).replace(/\s+/g, ' ')).to.equal(phrase);
      // Before the library's UI, the offsets are textContent's own.
      if (phrase !== 'more you love') expect(content.slice(ours.start, ours.end).replace(/\s+/g, ' ')).to.equal(phrase);
      expect(index.offsetAtRaw(ours.start)).to.equal(start);
    }
  });

  it('rejects offsets outside the text with a RangeError that names them', async () => {
    const index = TextIndex.build(await fixture(html`<p>abc</p>`));
    expect(() => index.positionAt(4)).to.throw(RangeError, 'offset 4 is outside the text (0 to 3)');
    expect(() => TextIndex.build(null as unknown as Node)).to.throw(TypeError, 'root: expected a DOM Node, got null');
  });
});

describe('TextIndex.staticRangesFor', () => {
  const pieces = (ranges: StaticRange[]) =>
    ranges.map((r) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString().replace(/\s+/g, ' ');
    });

  it('gives a passage as one range, or in pieces around what the index leaves out inside it, across elements and paragraphs', async () => {
    const root = await fixture(html`<div>
      <p>Samantha says <em>it's like I'm reading a book</em>, and it's a book I deeply love.</p>
      <p>But I'm reading it slowly now<span data-essay-skip>†</span>, so the words are really far apart, <i>and the spaces between</i><button data-essay-skip>1</button> the words are almost infinite.</p>
    </div>`);
    const skip = (element: Element) => element.matches('i');
    for (const [index, quote, expected] of [
      [TextIndex.build(root), "reading a book, and it's a book", ["reading a book, and it's a book"]],
      [TextIndex.build(root), "love. But I'm reading it slowly now, so the words", ["love. But I'm reading it slowly now", ', so the words']],
      [TextIndex.build(root), 'between the words are', ['between', ' the words are']],
      [TextIndex.build(root, skip), 'far apart, the words', ['far apart, ', ' the words']],
    ] as const) {
      const at = index.text.indexOf(quote);
      expect(at, quote).to.be.greaterThan(-1);
      expect(pieces(index.staticRangesFor(at, at + quote.length)), quote).to.deep.equal(expected);
    }
  });
});

describe('TextIndex.withSplit', () => {
  /** The demo essay as the browser parses it: real prose, inline markup, notes, a pull-quote, odd white space. */
  async function demoEssay(): Promise<HTMLElement> {
    const page = new DOMParser().parseFromString(await (await fetch('/demo/index.html')).text(), 'text/html');
    const root = document.createElement('article');
    root.innerHTML = page.querySelector('essay-reader')!.innerHTML;
    document.body.append(root);
    return root;
  }

  /** Compares in plain code and asserts once on the list of differences: half a million chai assertions
   *  took longer than the test timeout on a busy CI machine. */
  const same = (patched: TextIndex, built: TextIndex) => {
    expect(patched.text).to.equal(built.text);
    expect(patched.nodes).to.deep.equal(built.nodes);
    const differences: string[] = [];
    for (let offset = 0; offset <= built.text.length; offset += 7) {
      for (const affinity of ['start', 'end'] as const) {
        const a = patched.positionAt(offset, affinity);
        const b = built.positionAt(offset, affinity);
        if (a.node !== b.node || a.offset !== b.offset) differences.push(`positionAt(${offset}, ${affinity})`);
        if (patched.rawOffsetAt(offset, affinity) !== built.rawOffsetAt(offset, affinity)) differences.push(`rawOffsetAt(${offset}, ${affinity})`);
      }
    }
    for (const node of built.nodes.filter((_, i) => i % 5 === 0)) {
      for (let k = 0; k <= node.length; k += 3) {
        if (patched.offsetOf(node, k) !== built.offsetOf(node, k)) differences.push(`offsetOf(${JSON.stringify(node.data.slice(0, 20))}, ${k})`);
      }
    }
    expect(differences.slice(0, 10)).to.deep.equal([]);
  };

  it('reads as a fresh build after text nodes are split where markers go (passage ends), whatever the white space', async () => {
    const root = await demoEssay();
    try {
      let index = TextIndex.build(root);
      // Split where passages of 1 to 12 words end, through the essay, as inline markers do: each cut is made
      // at the DOM position of a text offset, then the index is patched, and compared with one built afresh.
      let patchedCount = 0;
      let seed = 7;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      for (let n = 0; n < 60; n++) {
        const offset = Math.floor(random() * index.text.length);
        const { node, offset: at } = index.positionAt(offset, 'end');
        if (at === 0 || at >= node.length) continue;
        const tail = node.splitText(at);
        const patched = index.withSplit(node, tail);
        const built = TextIndex.build(root);
        if (patched) {
          patchedCount++;
          same(patched, built);
        }
        index = patched ?? built;
      }
      expect(patchedCount, 'most cuts are patched, not rebuilt').to.be.above(40);
    } finally {
      root.remove();
    }
  });

  it('reads as a fresh build after many cuts patched at once, several in one text node, as markers are placed', async () => {
    const root = await demoEssay();
    try {
      const index = TextIndex.build(root);
      let seed = 11;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      // Passage ends through the essay, some close together (in one text node), cut last first as markers are.
      const ends = Array.from({ length: 120 }, (_, n) => (n % 3 === 0 ? 0 : 1) * 6 + Math.floor(random() * index.text.length));
      const offsets = [...new Set(ends.map((end) => Math.min(end, index.text.length)))].sort((a, b) => b - a);
      const splits: { head: Text; tail: Text }[] = [];
      for (const offset of offsets) {
        const { node, offset: at } = index.positionAt(offset, 'end');
        if (at === 0 || at >= node.length) continue;
        splits.push({ head: node, tail: node.splitText(at) });
      }
      const heads = new Set(splits.map((split) => split.head));
      expect(heads.size, 'some text nodes are cut more than once').to.be.below(splits.length);
      const patched = index.withSplits(splits);
      expect(patched, 'patched, not given up').to.not.equal(null);
      same(patched!, TextIndex.build(root));
    } finally {
      root.remove();
    }
  });

  it('patches a cut inside folded white space, and declines a node it does not index or a side that is only white space', async () => {
    const root = await fixture(html`<div><p>one  two</p><p>a <b> b</b></p></div>`);
    const index = TextIndex.build(root);
    const text = root.querySelector('p')!.firstChild as Text;
    const tail = text.splitText(4); // "one " | " two": the tail's space folds into the head's
    const patched = index.withSplit(text, tail)!;
    expect(patched, 'patched').to.not.equal(null);
    same(patched, TextIndex.build(root));
    const bold = root.querySelector('b')!.firstChild as Text;
    const rest = bold.splitText(1); // " " | "b": the head is a space the one before it swallows
    expect(patched.withSplit(bold, rest)).to.equal(null);
    expect(patched.withSplit(document.createTextNode('not here'), document.createTextNode('x'))).to.equal(null);
  });
});

describe('TextIndex.fromText (no DOM: a server or a worker)', () => {
  // The demo essay's opening as a server holds it: plain text with the line breaks of its source.
  const source = 'A man named Theodore, a writer of\n  personal letters for other people,   falls in love with Samantha,\n\tan operating system.';

  it('reads a string as build reads a node that holds it: the same folded text, the same raw offsets', async () => {
    const fromText = TextIndex.fromText(source);
    const p = await fixture(html`<p>${source}</p>`);
    const built = TextIndex.build(p);
    expect(fromText.text).to.equal(built.text);
    expect(fromText.rawLength).to.equal(source.length);
    for (let at = 0; at <= fromText.text.length; at++) {
      expect(fromText.rawOffsetAt(at), `raw offset of ${at}`).to.equal(built.rawOffsetAt(at));
      expect(fromText.rawOffsetAt(at, 'end'), `raw end offset of ${at}`).to.equal(built.rawOffsetAt(at, 'end'));
    }
    for (let raw = 0; raw <= source.length; raw++) expect(fromText.offsetAtRaw(raw), `text offset of raw ${raw}`).to.equal(built.offsetAtRaw(raw));
  });

  it('re-anchors a passage after an edit, with positions that count the raw string', () => {
    const before = TextIndex.fromText(source);
    const at = before.text.indexOf('falls in love');
    const selectors = describeOffsets(before, at, at + 'falls in love with Samantha'.length);
    expect(selectors[1].start).to.equal(source.indexOf('falls in love'));
    const edited = TextIndex.fromText(`Her, 2013. ${source.replace('falls in love', 'falls hopelessly in love')}`);
    const match = locate(selectors, edited)!;
    expect(edited.text.slice(match.start, match.end)).to.equal('falls hopelessly in love with Samantha');
  });

  it('says what to use when asked for DOM ranges, and build says what to use for a string', () => {
    const index = TextIndex.fromText(source);
    expect(() => index.rangeFor(0, 5)).to.throw(TypeError, /TextIndex.fromText.*no DOM/);
    expect(() => index.positionAt(0)).to.throw(TypeError, /no DOM/);
    expect(() => TextIndex.build(source as unknown as Node)).to.throw(TypeError, /got string.*TextIndex\.fromText/);
    expect(() => TextIndex.fromText(undefined as unknown as string)).to.throw(TypeError, /TextIndex.fromText: text: expected a string, got undefined/);
  });
});
