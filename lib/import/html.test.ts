import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateNestingDepth, HtmlTooDeepError, htmlToDraft, MAX_HTML_DEPTH } from './html';

const PAGE = `<!DOCTYPE html>
<html>
<head>
  <title>Transit Budget Passes | Metro Daily</title>
  <meta property="og:title" content="Transit Budget Passes">
  <meta property="og:site_name" content="Metro Daily">
  <meta name="author" content="Jane Doe">
  <meta property="article:published_time" content="2024-03-03T21:15:00-05:00">
  <meta property="article:section" content="Local Politics">
  <meta name="keywords" content="transit, budget">
  <link rel="canonical" href="https://metro.example/news/transit-budget">
  <style>body { color: red }</style>
  <script>window.tracker = "track-me";</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <header>Site banner</header>
  <article>
    <h1>Transit Budget Passes</h1>
    <p class="byline">By Jane Doe</p>
    <p>The council   voted
       7&ndash;2 on&nbsp;Tuesday &amp; adjourned.</p>
    <p>“It’s a <em>good</em> day,” said <a href="https://metro.example/p/ann">Ann Lee</a>.</p>
    <figure><img src="bus.jpg" alt="A bus"><figcaption>Photo caption text</figcaption></figure>
    <h2>What comes next</h2>
    <ul><li>More buses</li><li>Longer hours</li></ul>
    <aside>Sign up for our newsletter</aside>
  </article>
  <footer>© 2024 Metro Daily</footer>
</body>
</html>`;

describe('htmlToDraft', () => {
  const draft = htmlToDraft(PAGE);

  it('reads metadata from meta tags and links', () => {
    expect(draft).toMatchObject({
      title: 'Transit Budget Passes',
      author: 'Jane Doe',
      outlet: 'Metro Daily',
      sourceUrl: 'https://metro.example/news/transit-budget',
      publishedOn: '2024-03-03',
      topic: 'Local Politics',
    });
  });

  it('renders the article as paragraphs, keeping NBSP and decoding entities', () => {
    expect(draft.text).toBe(
      'The council voted 7\u20132 on\u00a0Tuesday & adjourned.\n\n' +
        '“It’s a good day,” said Ann Lee.\n\n' +
        'What comes next\n\n' +
        'More buses\nLonger hours',
    );
  });

  it('leaves out chrome, captions, styles and scripts', () => {
    for (const gone of ['Home', 'Site banner', 'Photo caption', 'newsletter', '©', 'track-me', 'color: red', 'By Jane Doe']) {
      expect(draft.text).not.toContain(gone);
    }
  });

  it('falls back to <title> minus the site name, then <h1>, and to <time> and keywords', () => {
    const d = htmlToDraft(
      '<html><head><title>Quiet Streets - Town Crier</title><meta property="og:site_name" content="Town Crier">' +
        '<meta name="keywords" content="Transport, cities"></head><body><main><p>Cars were few on Sunday.</p>' +
        '<time datetime="2022-08-14">Aug 14</time></main></body></html>',
    );
    expect(d.title).toBe('Quiet Streets');
    expect(d.publishedOn).toBe('2022-08-14');
    expect(d.topic).toBe('Transport');
    expect(d.text).toBe('Cars were few on Sunday.\n\nAug 14');
    expect(htmlToDraft('<body><h1>Only Heading</h1><p>Text follows here.</p></body>').title).toBe('Only Heading');
  });

  it('reads a rel=author link and drops the title repeated as the first paragraph', () => {
    const d = htmlToDraft('<div><p>Bridge Reopens</p><p>By <a rel="author" href="/u/1">Sam Roe</a></p><p>Traffic resumed at noon.</p></div>');
    expect(d.author).toBe('Sam Roe');
    expect(d.title).toBe('Bridge Reopens');
    expect(d.text).toBe('Traffic resumed at noon.');
  });

  it('turns hostile markup into harmless text', () => {
    const d = htmlToDraft(
      '<body><p>Before<script>alert(1)</script> after.</p>' +
        '<p><img src=x onerror="alert(2)">Image gone.</p>' +
        '<p><a href="javascript:alert(3)">Click text</a> stays.</p>' +
        '<svg><script>alert(4)</script><text>svg text</text></svg>' +
        '<iframe src="javascript:alert(5)">frame</iframe>' +
        '<noscript><img src=x onerror=alert(6)></noscript><template><p>alert(7)</p></template>' +
        '<style>p{}</style><p onclick="alert(8)">Last.</p>' +
        '<link rel="canonical" href="javascript:alert(9)"></body>',
    );
    expect(d.text).toBe('Before after.\n\nImage gone.\n\nClick text stays.\n\nLast.');
    expect(d.text).not.toMatch(/alert|<|onerror|javascript/);
    expect(d.sourceUrl).toBe('');
  });

  it('keeps <pre> whitespace and splits <br> into lines', () => {
    const d = htmlToDraft('<body><p>One<br>two<br/>three.</p><pre>  a  b\n  c</pre></body>');
    expect(d.text).toBe('One\ntwo\nthree.\n\n  a  b\n  c');
  });

  it('handles deep nesting and refuses pathological nesting before parsing', () => {
    const nested = (depth: number) => `<body>${'<div>'.repeat(depth)}Deep text here.${'</div>'.repeat(depth)}</body>`;
    expect(htmlToDraft(nested(MAX_HTML_DEPTH - 5)).text).toBe('Deep text here.');
    expect(() => htmlToDraft(nested(200_000))).toThrow(HtmlTooDeepError);
  });

  it('estimates nesting without counting void, auto-closed or raw-text elements', () => {
    expect(estimateNestingDepth('<div><p>a<p>b<br><img src=x><li>c<li>d</div>')).toBe(1);
    expect(estimateNestingDepth('<section><div><span>x</span></div></section>')).toBe(3);
    expect(estimateNestingDepth(`<script>${'<div>'.repeat(5000)}</script><!-- ${'<div>'.repeat(5000)} -->`)).toBe(0);
    expect(estimateNestingDepth(`<p>${'<a'.repeat(100_000)}`)).toBe(0);
  });

  it('never lets a script body through, whatever surrounds it', () => {
    const fragment = fc.constantFrom('<p>', '</p>', '<div>', '</div>', 'text ', '<b>', '</b>', '<br>', '&nbsp;', '<article>', '</article>');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 15 }), fc.array(fragment, { maxLength: 15 }), (before, after) => {
        const d = htmlToDraft(`${before.join('')}<script>SECRET_PAYLOAD()</script>${after.join('')}`);
        expect(d.text).not.toContain('SECRET_PAYLOAD');
      }),
      { numRuns: 200 },
    );
  });
});
