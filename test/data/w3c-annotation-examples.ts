/**
 * The 44 examples of the W3C Web Annotation Data Model Recommendation (https://www.w3.org/TR/annotation-model/),
 * as published (copied from the specification's source, w3c/web-annotation `model/wd2/index-respec.html`).
 * Examples 38-40 are a collection and pages; the others are annotations. Nothing here is edited.
 */
export interface W3CExample {
  example: number;
  title: string;
  json: Record<string, unknown>;
}

const C = 'http://www.w3.org/ns/anno.jsonld';

export const W3C_EXAMPLES: W3CExample[] = [
  {
    example: 1,
    title: 'Basic Annotation Model',
    json: { '@context': C, id: 'http://example.org/anno1', type: 'Annotation', body: 'http://example.org/post1', target: 'http://example.com/page1' },
  },
  {
    example: 2,
    title: 'External Web Resources',
    json: {
      '@context': C,
      id: 'http://example.org/anno2',
      type: 'Annotation',
      body: { id: 'http://example.org/analysis1.mp3', format: 'audio/mpeg', language: 'fr' },
      target: { id: 'http://example.gov/patent1.pdf', format: 'application/pdf', language: ['en', 'ar'], textDirection: 'ltr', processingLanguage: 'en' },
    },
  },
  {
    example: 3,
    title: 'Typing of Body and Target',
    json: {
      '@context': C,
      id: 'http://example.org/anno3',
      type: 'Annotation',
      body: { id: 'http://example.org/video1', type: 'Video' },
      target: { id: 'http://example.org/website1', type: 'Text' },
    },
  },
  {
    example: 4,
    title: 'IRIs with Fragment Components',
    json: {
      '@context': C,
      id: 'http://example.org/anno4',
      type: 'Annotation',
      body: 'http://example.org/description1',
      target: { id: 'http://example.com/image1#xywh=100,100,300,300', type: 'Image', format: 'image/jpeg' },
    },
  },
  {
    example: 5,
    title: 'Textual Body',
    json: {
      '@context': C,
      id: 'http://example.org/anno5',
      type: 'Annotation',
      body: { type: 'TextualBody', value: "<p>j'adore !</p>", format: 'text/html', language: 'fr' },
      target: 'http://example.org/photo1',
    },
  },
  {
    example: 6,
    title: 'String Body',
    json: { '@context': C, id: 'http://example.org/anno6', type: 'Annotation', bodyValue: 'Comment text', target: 'http://example.org/target1' },
  },
  {
    example: 7,
    title: 'Equivalent Textual Body',
    json: {
      '@context': C,
      id: 'http://example.org/anno7',
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'Comment text', format: 'text/plain' },
      target: 'http://example.org/target1',
    },
  },
  {
    example: 8,
    title: 'Annotations without a Body',
    json: { '@context': C, id: 'http://example.org/anno8', type: 'Annotation', target: 'http://example.org/ebook1' },
  },
  {
    example: 9,
    title: 'Multiple Bodies or Targets',
    json: {
      '@context': C,
      id: 'http://example.org/anno9',
      type: 'Annotation',
      body: ['http://example.org/description1', { type: 'TextualBody', value: 'tag1' }],
      target: ['http://example.org/image1', 'http://example.org/image2'],
    },
  },
  {
    example: 10,
    title: 'Choice',
    json: {
      '@context': C,
      id: 'http://example.org/anno10',
      type: 'Annotation',
      body: {
        type: 'Choice',
        items: [
          { id: 'http://example.org/note1', language: 'en' },
          { id: 'http://example.org/note2', language: 'fr' },
        ],
      },
      target: 'http://example.org/website1',
    },
  },
  {
    example: 11,
    title: 'Lifecycle Information',
    json: {
      '@context': C,
      id: 'http://example.org/anno11',
      type: 'Annotation',
      creator: 'http://example.org/user1',
      created: '2015-01-28T12:00:00Z',
      modified: '2015-01-29T09:00:00Z',
      generator: 'http://example.org/client1',
      generated: '2015-02-04T12:00:00Z',
      body: { id: 'http://example.net/review1', creator: 'http://example.net/user2', created: '2014-06-02T17:00:00Z' },
      target: 'http://example.com/restaurant1',
    },
  },
  {
    example: 12,
    title: 'Agents',
    json: {
      '@context': C,
      id: 'http://example.org/anno12',
      type: 'Annotation',
      creator: {
        id: 'http://example.org/user1',
        type: 'Person',
        name: 'My Pseudonym',
        nickname: 'pseudo',
        email_sha1: '58bad08927902ff9307b621c54716dcc5083e339',
      },
      generator: { id: 'http://example.org/client1', type: 'Software', name: 'Code v2.1', homepage: 'http://example.org/client1/homepage1' },
      body: 'http://example.net/review1',
      target: 'http://example.com/restaurant1',
    },
  },
  {
    example: 13,
    title: 'Audience',
    json: {
      '@context': C,
      id: 'http://example.org/anno13',
      type: 'Annotation',
      audience: { id: 'http://example.edu/roles/teacher', type: 'schema:EducationalAudience', 'schema:educationalRole': 'teacher' },
      body: 'http://example.net/classnotes1',
      target: 'http://example.com/textbook1',
    },
  },
  {
    example: 14,
    title: 'Accessibility',
    json: {
      '@context': C,
      id: 'http://example.org/anno14',
      type: 'Annotation',
      motivation: 'commenting',
      body: 'http://example.net/comment1',
      target: { id: 'http://example.com/video1', type: 'Video', accessibility: 'captions' },
    },
  },
  {
    example: 15,
    title: 'Motivation and Purpose',
    json: {
      '@context': C,
      id: 'http://example.org/anno15',
      type: 'Annotation',
      motivation: 'bookmarking',
      body: [
        { type: 'TextualBody', value: 'readme', purpose: 'tagging' },
        { type: 'TextualBody', value: 'A good description of the topic that bears further investigation', purpose: 'describing' },
      ],
      target: 'http://example.com/page1',
    },
  },
  {
    example: 16,
    title: 'Rights',
    json: {
      '@context': C,
      id: 'http://example.org/anno16',
      type: 'Annotation',
      rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
      body: { id: 'http://example.net/review1', rights: 'http://creativecommons.org/licenses/by-nc/4.0/' },
      target: 'http://example.com/product1',
    },
  },
  {
    example: 17,
    title: 'Other Identities',
    json: {
      '@context': C,
      id: 'http://example.org/anno17',
      type: 'Annotation',
      canonical: 'urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df',
      via: 'http://other.example.org/anno1',
      body: { id: 'http://example.net/review1', rights: 'http://creativecommons.org/licenses/by/4.0/' },
      target: 'http://example.com/product1',
    },
  },
  {
    example: 18,
    title: 'Resource with Purpose',
    json: {
      '@context': C,
      id: 'http://example.org/anno18',
      type: 'Annotation',
      body: { type: 'SpecificResource', purpose: 'tagging', source: 'http://example.org/city1' },
      target: { id: 'http://example.org/photo1', type: 'Image' },
    },
  },
  {
    example: 19,
    title: 'Selectors',
    json: {
      '@context': C,
      id: 'http://example.org/anno19',
      type: 'Annotation',
      body: { source: 'http://example.org/page1', selector: 'http://example.org/paraselector1' },
      target: { source: 'http://example.com/dataset1', selector: 'http://example.org/dataselector1' },
    },
  },
  {
    example: 20,
    title: 'Fragment Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno20',
      type: 'Annotation',
      body: {
        source: 'http://example.org/video1',
        purpose: 'describing',
        selector: { type: 'FragmentSelector', conformsTo: 'http://www.w3.org/TR/media-frags/', value: 't=30,60' },
      },
      target: 'http://example.org/image1',
    },
  },
  {
    example: 21,
    title: 'CSS Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno21',
      type: 'Annotation',
      body: 'http://example.org/note1',
      target: { source: 'http://example.org/page1.html', selector: { type: 'CssSelector', value: '#elemid > .elemclass + p' } },
    },
  },
  {
    example: 22,
    title: 'XPath Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno22',
      type: 'Annotation',
      body: 'http://example.org/note1',
      target: { source: 'http://example.org/page1.html', selector: { type: 'XPathSelector', value: '/html/body/p[2]/table/tr[2]/td[3]/span' } },
    },
  },
  {
    example: 23,
    title: 'Text Quote Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno23',
      type: 'Annotation',
      body: 'http://example.org/comment1',
      target: {
        source: 'http://example.org/page1',
        selector: { type: 'TextQuoteSelector', exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' },
      },
    },
  },
  {
    example: 24,
    title: 'Text Position Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno24',
      type: 'Annotation',
      body: 'http://example.org/review1',
      target: { source: 'http://example.org/ebook1', selector: { type: 'TextPositionSelector', start: 412, end: 795 } },
    },
  },
  {
    example: 25,
    title: 'Data Position Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno25',
      type: 'Annotation',
      body: 'http://example.org/note1',
      target: { source: 'http://example.org/diskimg1', selector: { type: 'DataPositionSelector', start: 4096, end: 4104 } },
    },
  },
  {
    example: 26,
    title: 'SVG Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno26',
      type: 'Annotation',
      body: 'http://example.org/road1',
      target: { source: 'http://example.org/map1', selector: { id: 'http://example.org/svg1', type: 'SvgSelector' } },
    },
  },
  {
    example: 27,
    title: 'SVG Selector, embedded',
    json: {
      '@context': C,
      id: 'http://example.org/anno27',
      type: 'Annotation',
      body: 'http://example.org/road1',
      target: { source: 'http://example.org/map1', selector: { type: 'SvgSelector', value: '<svg:svg> ... </svg:svg>' } },
    },
  },
  {
    example: 28,
    title: 'Range Selector',
    json: {
      '@context': C,
      id: 'http://example.org/anno28',
      type: 'Annotation',
      body: 'http://example.org/comment1',
      target: {
        source: 'http://example.org/page1.html',
        selector: {
          type: 'RangeSelector',
          startSelector: { type: 'XPathSelector', value: '//table[1]/tr[1]/td[2]' },
          endSelector: { type: 'XPathSelector', value: '//table[1]/tr[1]/td[4]' },
        },
      },
    },
  },
  {
    example: 29,
    title: 'Refinement of Selection',
    json: {
      '@context': C,
      id: 'http://example.org/anno29',
      type: 'Annotation',
      body: 'http://example.org/comment1',
      target: {
        source: 'http://example.org/page1',
        selector: {
          type: 'FragmentSelector',
          value: 'para5',
          refinedBy: { type: 'TextQuoteSelector', exact: 'Selected Text', prefix: 'text before the ', suffix: ' and text after it' },
        },
      },
    },
  },
  {
    example: 30,
    title: 'State',
    json: {
      '@context': C,
      id: 'http://example.org/anno30',
      type: 'Annotation',
      body: 'http://example.org/note1',
      target: { source: 'http://example.org/page1', state: { id: 'http://example.org/state1' } },
    },
  },
  {
    example: 31,
    title: 'Time State',
    json: {
      '@context': C,
      id: 'http://example.org/anno31',
      type: 'Annotation',
      body: 'http://example.org/note1',
      target: {
        source: 'http://example.org/page1',
        state: { type: 'TimeState', cached: 'http://archive.example.org/copy1', sourceDate: '2015-07-20T13:30:00Z' },
      },
    },
  },
  {
    example: 32,
    title: 'HTTP Request State',
    json: {
      '@context': C,
      id: 'http://example.org/anno32',
      type: 'Annotation',
      body: 'http://example.org/description1',
      target: { source: 'http://example.org/resource1', state: { type: 'HttpRequestState', value: 'Accept: application/pdf' } },
    },
  },
  {
    example: 33,
    title: 'Refinement of States',
    json: {
      '@context': C,
      id: 'http://example.org/anno33',
      type: 'Annotation',
      body: 'http://example.org/comment1',
      target: {
        source: 'http://example.org/ebook1',
        state: {
          type: 'TimeState',
          sourceDate: '2016-02-01T12:05:23Z',
          refinedBy: {
            type: 'HttpRequestState',
            value: 'Accept: application/pdf',
            refinedBy: { type: 'FragmentSelector', value: 'page=10', conformsTo: 'http://tools.ietf.org/rfc/rfc3778' },
          },
        },
      },
    },
  },
  {
    example: 34,
    title: 'CSS Style',
    json: {
      '@context': C,
      id: 'http://example.org/anno34',
      type: 'Annotation',
      stylesheet: 'http://example.org/style1',
      body: 'http://example.org/comment1',
      target: { source: 'http://example.org/document1', styleClass: 'red' },
    },
  },
  {
    example: 35,
    title: 'CSS Style, embedded',
    json: {
      '@context': C,
      id: 'http://example.org/anno35',
      type: 'Annotation',
      stylesheet: { type: 'CssStylesheet', value: '.red { color: red }' },
      body: 'http://example.org/body1',
      target: { source: 'http://example.org/target1', styleClass: 'red' },
    },
  },
  {
    example: 36,
    title: 'Rendering Software',
    json: {
      '@context': C,
      id: 'http://example.org/anno36',
      type: 'Annotation',
      body: 'http://example.org/comment1',
      target: {
        source: 'http://example.edu/article.pdf',
        selector: 'http://example.org/selectors/html-selector1',
        renderedVia: { id: 'http://example.com/pdf-to-html-library', type: 'Software', 'schema:softwareVersion': '2.5' },
      },
    },
  },
  {
    example: 37,
    title: 'Scope',
    json: {
      '@context': C,
      id: 'http://example.org/anno37',
      type: 'Annotation',
      body: 'http://example.org/note1',
      target: { source: 'http://example.org/image1', scope: 'http://example.org/page1' },
    },
  },
  {
    example: 38,
    title: 'Annotation Collection',
    json: {
      '@context': C,
      id: 'http://example.org/collection1',
      type: 'AnnotationCollection',
      label: 'Steampunk Annotations',
      creator: 'http://example.com/publisher',
      total: 42023,
      first: 'http://example.org/page1',
      last: 'http://example.org/page42',
    },
  },
  {
    example: 39,
    title: 'Annotation Page',
    json: {
      '@context': C,
      id: 'http://example.org/page1',
      type: 'AnnotationPage',
      partOf: { id: 'http://example.org/collection1', label: 'Steampunk Annotations', total: 42023 },
      next: 'http://example.org/page2',
      startIndex: 0,
      items: [
        { id: 'http://example.org/anno1', type: 'Annotation', body: 'http://example.net/comment1', target: 'http://example.com/book/chapter1' },
        { id: 'http://example.org/anno2', type: 'Annotation', body: 'http://example.net/comment2', target: 'http://example.com/book/chapter2' },
      ],
    },
  },
  {
    example: 40,
    title: 'Annotation Collection with Embedded Page',
    json: {
      '@context': C,
      id: 'http://example.org/collection1',
      type: 'AnnotationCollection',
      label: 'Two Annotations',
      total: 2,
      first: {
        id: 'http://example.org/page1',
        type: 'AnnotationPage',
        startIndex: 0,
        items: [
          { id: 'http://example.org/anno1', type: 'Annotation', body: 'http://example.net/comment1', target: 'http://example.com/book/chapter1' },
          { id: 'http://example.org/anno2', type: 'Annotation', body: 'http://example.net/comment2', target: 'http://example.com/book/chapter2' },
        ],
      },
    },
  },
  {
    example: 41,
    title: 'Complete Example',
    json: {
      '@context': C,
      id: 'http://example.org/anno38',
      type: 'Annotation',
      motivation: 'commenting',
      creator: { id: 'http://example.org/user1', type: 'Person', name: 'A. Person', nickname: 'user1' },
      created: '2015-10-13T13:00:00Z',
      generator: { id: 'http://example.org/client1', type: 'Software', name: 'Code v2.1', homepage: 'http://example.org/homepage1' },
      generated: '2015-10-14T15:13:28Z',
      stylesheet: { id: 'http://example.org/stylesheet1', type: 'CssStylesheet' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'love' },
        {
          type: 'Choice',
          items: [
            {
              type: 'TextualBody',
              purpose: 'describing',
              value: 'I really love this particular bit of text in this XML. No really.',
              format: 'text/plain',
              language: 'en',
              creator: 'http://example.org/user1',
            },
            {
              type: 'SpecificResource',
              purpose: 'describing',
              source: {
                id: 'http://example.org/comment1',
                type: 'Audio',
                format: 'audio/mpeg',
                language: 'de',
                creator: { id: 'http://example.org/user2', type: 'Person' },
              },
            },
          ],
        },
      ],
      target: {
        type: 'SpecificResource',
        styleClass: 'mystyle',
        source: 'http://example.com/document1',
        state: [{ type: 'HttpRequestState', value: 'Accept: application/xml', refinedBy: { type: 'TimeState', sourceDate: '2015-09-25T12:00:00Z' } }],
        selector: { type: 'FragmentSelector', value: 'xpointer(/doc/body/section[2]/para[1])', refinedBy: { type: 'TextPositionSelector', start: 6, end: 27 } },
      },
    },
  },
  {
    example: 42,
    title: 'Composite',
    json: {
      '@context': C,
      id: 'http://example.org/anno39',
      type: 'Annotation',
      motivation: 'commenting',
      body: { type: 'TextualBody', value: 'These pages together provide evidence of the conspiracy' },
      target: { type: 'Composite', items: ['http://example.com/page1', 'http://example.org/page6', 'http://example.net/page4'] },
    },
  },
  {
    example: 43,
    title: 'List',
    json: {
      '@context': C,
      id: 'http://example.org/anno40',
      type: 'Annotation',
      motivation: 'tagging',
      body: { type: 'TextualBody', value: 'important' },
      target: {
        type: 'List',
        items: ['http://example.com/book/page1', 'http://example.com/book/page2', 'http://example.com/book/page3', 'http://example.com/book/page4'],
      },
    },
  },
  {
    example: 44,
    title: 'Independents',
    json: {
      '@context': C,
      id: 'http://example.org/anno41',
      type: 'Annotation',
      motivation: 'classifying',
      body: 'http://example.org/vocab/art/portrait',
      target: {
        type: 'Independents',
        items: ['http://example.com/image1', 'http://example.net/image2', 'http://example.com/image4', 'http://example.org/image9'],
      },
    },
  },
];

/** The examples that are annotations (all but the collection and the pages). */
export const W3C_ANNOTATIONS = W3C_EXAMPLES.filter((e) => e.json.type === 'Annotation');
