import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

describe('guidelines Markdown', () => {
  it('renders Markdown, including tables', () => {
    const html = renderToStaticMarkup(<Markdown source={'# Rules\n\n**Bold** text\n\n| a | b |\n|---|---|\n| 1 | 2 |'} />);
    // Under the page's h1 and its "Guidelines" h2, the guidelines' own headings start at h3.
    expect(html).toContain('<h3>Rules</h3>');
    expect(html).not.toContain('<h1');
    expect(renderToStaticMarkup(<Markdown source={'## Part\n\n###### Deep'} />)).toBe('<h4>Part</h4>\n<h6>Deep</h6>');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<table>');
  });

  it('drops raw HTML and neutralises script links', () => {
    const html = renderToStaticMarkup(
      <Markdown source={'Hello <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))'} />,
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click');
  });
});
