/**
 * The Text Fragments specification's own conformance cases: web-platform-tests
 * scroll-to-text-fragment/find-range-from-text-directive.html and its target page (BSD-3-Clause, the
 * web-platform-tests contributors). There a browser navigates to the target page with each fragment and reports
 * whether it scrolled, which it does only for a match below the tall spacer. Here the same page is a fixture, and
 * a case passes when locateTextFragment's match lies below the spacer exactly when the browser would scroll.
 */
import { expect } from '@open-wc/testing';
import { locateTextFragment, parseTextFragment, TextIndex } from '../../../src/core/index.js';

const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAoAAAAKCAQAAAAnOwc2AAAAEUlEQVR42mNk+M+AARiHsiAAcCIKAYwFoQ8AAAAASUVORK5CYII=';
const TARGET = `
  <style>.spacer { width: 50vw; height: 200vh; } #generatedSearch::before { content: "search"; }</style>
  <span id="generatedSearch"></span>
  Won't scroll if matched:
  match suffix
  match suffix3
  <div class="spacer"></div>
  <p>
    The quick brown fox jumped over the lazy dog.
    a a b b b c
  </p>
  <p>
    foo foo foo bar bar bar
  </p>
  <p>
    search Two words ending in flatten
  </p>
  <p>
    match suffix2
    prefix match suffix3 matchEnd suffix4 matchEnd suffix5
  </p>
  <p>
    Lorem

    <br> <i>    </i>
    <div>  &nbsp </div>
    <div style="display: none">This isn't rendered</div>
    <div style="visibility: hidden">This also isn't visible</div>
    <iframe srcdoc="Inner Iframe"></iframe>
    <img src="${PIXEL}">

        &nbsp; &nbsp    Ipsum

    Whitespace

    <br> <i>    </i>
    <div>  &nbsp </div>
    <div style="display: none">This isn't rendered</div>
    <div style="visibility: hidden">This also isn't visible</div>
    <iframe srcdoc="Inner Iframe"></iframe>
    <img src="${PIXEL}">
        &nbsp; &nbsp

    Dipsum

  <div>Text
    <div style="display: none">This isn't rendered</div>
    with display: none
  </div>
  <div>Text
    <div style="visibility: hidden">This also isn't visible</div>
     with visibility: hidden as block boundary
    </div>
  <div>Text
    <span style="visibility: hidden">This also isn't visible</span>
      with visibility: hidden as inline
    </div>
  <div>Text
    <iframe srcdoc="Inner Iframe"></iframe>
    with Iframe
  </div>
  <div>Text
    <img src="${PIXEL}">
    with image
  </div>

  </p>
  <p>
    She caught it in one hand and a net.
    z<i>z</i>z
  </p>
  <div>
    <span>What <img src="broken.png"> had said</span>
  </div>
  <p>
    he's falling.
  </p>
  <p>
    3.5
  </p>
  <p>
    <span>40</span><span>.</span><span>2</span>
  </p>
  <div>
    <p>II</p>
    <p>the cat</p>
  </div>
  <p>
    And I'm sure 't were a sin
  </p>
  <p>
    This text appears at the end of the document
  </p>`;

const CASES: [string, boolean, string][] = [
  ['#:~:text=jumped', true, 'Basic smoke test - full word match'],
  ['#:~:text=u-,mped', false, 'Prefix must start on a word boundary'],
  ['#:~:text=ju-,mped', true, 'Prefix need not end on a word boundary'],
  ['#:~:text=null-,The%20quick', false, "Prefix doesn't exist"],
  ['#:~:text=foo%20foo-,bar', true, 'Multiple overlapping prefixes'],
  ['#:~:text=a%20a-,b', true, 'Multiple overlapping one letter prefixes'],
  ['#:~:text=quick%20brown-,brown%20fox', false, 'Prefix overlaps match text'],
  ['#:~:text=quick%20brown-,fox', true, 'Match text after prefix'],
  ['#:~:text=Lorem-,Ipsum', true, 'Search invisible content between prefix and match'],
  ['#:~:text=end%20of%20the%20document-,test', false, 'Prefix appears at end of document'],
  ['#:~:text=fox-,jum,over', false, '|end| forces |start| to end on word boundary'],
  ['#:~:text=fox-,jum', false, 'no |end| or suffix forces |start| to end on word boundary'],
  ['#:~:text=fox-,jum,-ped', true, 'suffix means |start| need not end on word boundary'],
  ['#:~:text=jum-,ped', true, "|start| doesn't need to start on word boundary"],
  ['#:~:text=jumped-,null', false, 'prefix with non-existent exact match'],
  ['#:~:text=jumped-,null,lazy', false, 'prefix with non-existent range match'],
  ['#:~:text=brown-,jumped', false, "match doesn't immediately follow prefix"],
  ['#:~:text=foo-,bar', true, "match doesn't immediately follow first prefix instance"],
  ['#:~:text=search-,Two,flatten', true, 'Generated content matching prefix does not prevent a later match'],
  ['#:~:text=jum,over', false, 'no-prefix; |end| forces |start| to end on word boundary'],
  ['#:~:text=jum', false, 'no-prefix; no |end| or suffix forces |start| to end on word boundary'],
  ['#:~:text=jum,-ped', true, 'no-prefix; suffix means |start| need not end on word boundary'],
  ['#:~:text=umped', false, '|start| must start on a word boundary'],
  ['#:~:text=null', false, 'non-existent exact match'],
  ['#:~:text=null,lazy', false, 'non-existent range match'],
  ['#:~:text=b%20b,-c', true, 'overlapping exact matches with suffix'],
  ['#:~:text=foo%20foo,-bar', true, 'overlapping one letter exact matches with suffix'],
  ['#:~:text=brown,fox', true, 'matching range search'],
  ['#:~:text=brown,quick', false, 'inverted range search'],
  ['#:~:text=quick,bro', false, 'no suffix forces |end| to be end bounded'],
  ['#:~:text=quick,bro,-wn', true, 'suffix means |end| need not be end bounded'],
  ['#:~:text=quick,ro,-wn', false, '|end| must be start bounded'],
  ['#:~:text=bro,wn', false, '|end| must be start bounded even if full range is word bounded'],
  ['#:~:text=quick,null', false, 'non-existent |end|'],
  ['#:~:text=quick,jumped,-fox', false, 'Range with preceeding suffix'],
  ['#:~:text=The-,quick,brown', true, 'Match with no suffix'],
  ['#:~:text=The-,quick,fox,-brown', false, 'Suffix comes before |end|'],
  ['#:~:text=Lorem-,Ipsum,Whitespace,-Dipsum', true, 'Search invisible content between |end| and suffix'],
  ['#:~:text=quick,-bro', false, 'Suffix must be end bounded'],
  ['#:~:text=qu,-ick', true, 'Suffix need not be start bounded'],
  ['#:~:text=quick,-null', false, 'Non-existent suffix'],
  ['#:~:text=quick,-fox', false, 'Content appears between match and suffix'],
  ['#:~:text=match,-suffix2', true, 'Non-matching suffix in first potential match'],
  ['#:~:text=prefix-,match,-suffix3', true, 'Non-matching suffix search continues to prefix match'],
  ['#:~:text=prefix-,match,matchEnd,-suffix5', true, 'Range end matches correct suffix'],
  ['#:~:text=Text%20with%20display:%20none', true, '`start` element contains search-invisible text (display: none)'],
  ['#:~:text=Text%20with%20visibility:%20hidden%20as%20block%20boundary', false, '`start` element contains hidden text, which is a block boundary'],
  ['#:~:text=Text%20with%20visibility:%20hidden%20as%20inline', true, '`start` element contains hidden text which is not a block boundary'],
  ['#:~:text=Text%20with%20Iframe', true, '`start` element contains search-invisible text (iframe)'],
  ['#:~:text=Text%20with%20image', true, '`start` element contains search-invisible text (image)'],
  ['#:~:text=caught,and%20a', true, '|end| can match after an overlapping rejected candidate'],
  ['#:~:text=z', false, 'Inline node boundary is not a word boundary'],
  ['#:~:text=what%20had', true, 'Match across broken image'],
  ['#:~:text=he%27s', true, 'Match containing an apostrophe is word bounded'],
  ['#:~:text=he', false, 'Match must not start mid-word before an apostrophe'],
  ['#:~:text=%27t', true, "Match starts with apostrophe (not 't in Won't)"],
  ['#:~:text=5', false, 'Match must not start mid-number inside 3.5'],
  ['#:~:text=3%2E', false, 'Match must not end mid-number at 3. in 3.5'],
  ['#:~:text=2', false, 'Match must not start mid-number inside multi-node 40.2'],
  ['#:~:text=i-,the%20cat', false, 'Prefix must start on a word boundary at the start of a node'],
];

describe('text fragments: the web-platform-tests find-range-from-text-directive cases', () => {
  let root: HTMLElement;
  before(() => {
    root = document.createElement('div');
    root.innerHTML = TARGET;
    document.body.append(root);
  });
  after(() => root.remove());

  for (const [fragment, scrolls, name] of CASES) {
    it(`${name} (${fragment}: ${scrolls ? 'found' : 'not found'})`, () => {
      const spacer = root.querySelector('.spacer')!;
      const index = TextIndex.build(root);
      const parsed = parseTextFragment(fragment);
      const match = parsed && locateTextFragment(parsed, index);
      const below = !!match && (spacer.compareDocumentPosition(index.rangeFor(match.start, match.end).startContainer) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      expect(below).to.equal(scrolls);
    });
  }
});
