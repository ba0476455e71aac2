import { describe, expect, it } from 'vitest';
import { markdownToDraft } from './markdown';

describe('markdownToDraft', () => {
  it('reads front matter and turns the body into plain text', () => {
    const d = markdownToDraft(
      [
        '---',
        'title: "Harbour Expansion Approved"',
        'author: Jane Doe',
        'outlet: Coast News',
        'source_url: https://coast.example/harbour',
        'date: March 3, 2024',
        'tags: [ports, economy]',
        '---',
        '',
        '# Harbour Expansion Approved',
        '',
        'The **port authority** approved the _plan_ on `Tuesday`.',
        'Read the [full report](https://coast.example/report "Report") here.',
        '',
        '![A crane](crane.jpg)',
        '',
        '## Reactions',
        '',
        '> Residents were divided.',
        '',
        '* Dockworkers cheered',
        '+ Neighbours worried',
        '',
        'Costs <span class="x">rose</span> to\u00a0$2 million.',
      ].join('\n'),
    );
    expect(d).toEqual({
      title: 'Harbour Expansion Approved',
      author: 'Jane Doe',
      outlet: 'Coast News',
      sourceUrl: 'https://coast.example/harbour',
      publishedOn: '2024-03-03',
      topic: 'ports',
      text:
        'The port authority approved the plan on Tuesday.\n' +
        'Read the full report here.\n\n' +
        'Reactions\n\n' +
        'Residents were divided.\n\n' +
        '- Dockworkers cheered\n' +
        '- Neighbours worried\n\n' +
        'Costs rose to\u00a0$2 million.',
    });
  });

  it('takes the title from the first # heading when there is no front matter', () => {
    const d = markdownToDraft('# Storm Warning\n\nBy Sam Roe\n\nWinds will reach 90 km/h.\n');
    expect(d.title).toBe('Storm Warning');
    expect(d.author).toBe('Sam Roe');
    expect(d.text).toBe('Winds will reach 90 km/h.');
  });

  it('keeps code, escaped characters and snake_case intact', () => {
    const d = markdownToDraft('# T\n\nUse `a_b*c*` and \\*literal\\* with my_var_name.\n\n```\n**not bold**\n```\n');
    expect(d.text).toBe('Use a_b*c* and *literal* with my_var_name.\n\n**not bold**');
  });

  it('removes raw HTML, including scripts and comments, from the text', () => {
    const d = markdownToDraft('# T\n\nSafe <script>alert(1)</script>text<!-- hidden -->.\n\n<script>\nalert(2)\n</script>\n\nEnd <b onclick="x()">bold</b>.');
    expect(d.text).toBe('Safe text.\n\nEnd bold.');
  });

  it('treats a leading rule that is not front matter as a rule', () => {
    const d = markdownToDraft('---\n\nJust a paragraph here.\n\n---\n\nAnother one.');
    expect(d.text).toBe('Just a paragraph here.\n\nAnother one.');
  });

  it('keeps an unreadable front-matter date as written so validation can flag it', () => {
    expect(markdownToDraft('---\ntitle: X\ndate: sometime soon\n---\nBody text.').publishedOn).toBe('sometime soon');
  });
});
