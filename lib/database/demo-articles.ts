// Three short articles written for Slant's demo project. They are fiction: the town, the people
// and the outlets are invented, so the demo never misquotes anyone real.

export type DemoArticle = {
  id: string;
  title: string;
  author: string;
  outlet: string;
  sourceUrl: string;
  publishedOn: string;
  topic: string;
  text: string;
};

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    id: 'demo-article-bridge',
    title: 'Harbour bridge repairs will cost twice the estimate',
    author: 'Lena Okafor',
    outlet: 'The Riverside Ledger',
    sourceUrl: 'https://riverside-ledger.example/2026/03/harbour-bridge-costs',
    publishedOn: '2026-03-14',
    topic: 'Local government',
    text: [
      'Repairs to the Harbour Street bridge will cost 14.2 million euros, almost twice the figure the council approved last spring, according to a report published on Tuesday.',
      'The engineering firm Castell & Byrne found corrosion in 38 of the bridge’s 112 steel cables. The council had budgeted for replacing twelve.',
      '“We were given a number that nobody who had looked at those cables could have believed,” said councillor Marta Reyes, who chairs the transport committee.',
      'Mayor Daniel Hughes defended the original estimate. “The survey we relied on was the best information available at the time,” he told reporters.',
      'Frankly, the council has treated this bridge as an afterthought for a decade, and residents are now paying for that neglect.',
      'The bridge carries about 21,000 vehicles a day. Work is expected to close one lane in each direction until the end of next year.',
    ].join('\n\n'),
  },
  {
    id: 'demo-article-schools',
    title: 'Opinion: Four-day school weeks are a shortcut we will regret',
    author: 'Samuel Achterberg',
    outlet: 'Northgate Review',
    sourceUrl: 'https://northgate-review.example/opinion/four-day-week',
    publishedOn: '2026-04-02',
    topic: 'Education',
    text: [
      'Three districts in the valley switched to a four-day school week this year, and two more will vote on it in May.',
      'Supporters say the change saves money. The valley’s largest district reports savings of 1.3 percent of its budget, mostly on buses and heating.',
      'That is a thin return for a policy that asks working parents to find childcare for an extra day every week.',
      '“Teachers are exhausted, and the fifth day gives them time to plan,” said Priya Natarajan, president of the regional teachers’ union.',
      'She has a point, but planning time can be found without sending children home. The districts should fund it directly instead of quietly shortening the week.',
    ].join('\n\n'),
  },
  {
    id: 'demo-article-wind',
    title: 'Offshore wind farm approved after three-year review',
    author: 'Jonas Lindqvist',
    outlet: 'Coastal Wire',
    sourceUrl: 'https://coastal-wire.example/energy/wind-farm-approved',
    publishedOn: '2026-05-20',
    topic: 'Energy',
    text: [
      'The national energy regulator approved the 46-turbine Saltmarsh offshore wind farm on Wednesday, ending a review that began in 2023.',
      'The project is expected to supply electricity to around 310,000 homes once it is completed in 2029.',
      'Fishing associations had objected to the location of the export cable. “Our members will lose access to the richest grounds on this coast,” said Ewa Kowalczyk of the Eastern Fishers’ Association.',
      'The developer, Brightwater Energy, said it would pay compensation to affected crews and reroute part of the cable.',
      'It is hard to see how a project of this size could have been handled any better.',
    ].join('\n\n'),
  },
];

// Two more articles for the second demo project, "Demo: review practice": both annotators have
// already submitted them, so a reviewer can try the review board, gold and agreement at once.
export const REVIEW_DEMO_ARTICLES: DemoArticle[] = [
  {
    id: 'demo-review-library',
    title: 'Library hours cut as the city trims its culture budget',
    author: 'Mei Tanaka',
    outlet: 'The Riverside Ledger',
    sourceUrl: 'https://riverside-ledger.example/2026/06/library-hours',
    publishedOn: '2026-06-09',
    topic: 'Culture',
    text: [
      'The central library will close at 6 p.m. instead of 9 p.m. from September, after the city council cut the culture budget by 8 percent.',
      'Branch libraries in Eastbank and Millford will open four days a week instead of six.',
      '“Evening hours are when students and shift workers can actually come in,” said head librarian Tomas Ferreira.',
      'Council treasurer Hanna Lee said the cut was unavoidable. “Every department has been asked to find savings, and culture cannot be the exception,” she said.',
      'It is a short-sighted decision that will hurt the residents who can least afford to buy books.',
    ].join('\n\n'),
  },
  {
    id: 'demo-review-buses',
    title: 'Night buses return to the northern suburbs',
    author: 'Omar Haddad',
    outlet: 'Coastal Wire',
    sourceUrl: 'https://coastal-wire.example/transport/night-buses',
    publishedOn: '2026-07-01',
    topic: 'Transport',
    text: [
      'Night bus services to the northern suburbs resume on Friday, two years after they were cancelled to save 600,000 euros a year.',
      'Buses will run every 30 minutes between midnight and 5 a.m. on three routes.',
      '“Cleaners, nurses and bakers have been walking home in the dark for two years,” said Ines Duarte, who organised the petition to restore the service.',
      'The transport authority expects about 1,200 passengers a night.',
      'Restoring the service is the least the authority could do after cancelling it so carelessly.',
    ].join('\n\n'),
  },
];

export type DemoSpan = {
  id: string;
  articleId: string;
  author: 'ann1' | 'ann2';
  label: 'claim' | 'opinion' | 'sourced_quote';
  quote: string;
  speaker?: string;
  note?: string;
};

// The first article carries a few annotations by each annotator, with the disagreements real
// annotators produce: a different label, different boundaries, a span only one of them found.
export const DEMO_SPANS: DemoSpan[] = [
  { id: 'demo-span-ann1-1', articleId: 'demo-article-bridge', author: 'ann1', label: 'claim', quote: 'Repairs to the Harbour Street bridge will cost 14.2 million euros' },
  { id: 'demo-span-ann1-2', articleId: 'demo-article-bridge', author: 'ann1', label: 'sourced_quote', quote: '“We were given a number that nobody who had looked at those cables could have believed,”', speaker: 'Marta Reyes' },
  { id: 'demo-span-ann1-3', articleId: 'demo-article-bridge', author: 'ann1', label: 'opinion', quote: 'Frankly, the council has treated this bridge as an afterthought for a decade, and residents are now paying for that neglect.', note: 'Editorialising inside a news report.' },
  { id: 'demo-span-ann2-1', articleId: 'demo-article-bridge', author: 'ann2', label: 'claim', quote: 'Repairs to the Harbour Street bridge will cost 14.2 million euros, almost twice the figure the council approved last spring' },
  { id: 'demo-span-ann2-2', articleId: 'demo-article-bridge', author: 'ann2', label: 'sourced_quote', quote: '“The survey we relied on was the best information available at the time,”', speaker: 'Daniel Hughes' },
  { id: 'demo-span-ann2-3', articleId: 'demo-article-bridge', author: 'ann2', label: 'claim', quote: 'Frankly, the council has treated this bridge as an afterthought for a decade' },
];

// The review-practice articles: some spans both annotators agree on exactly (for "Accept all
// unanimous"), some where label or boundaries differ, and some only one of them found.
export const REVIEW_DEMO_SPANS: DemoSpan[] = [
  { id: 'demo-span-review-ann1-1', articleId: 'demo-review-library', author: 'ann1', label: 'claim', quote: 'The central library will close at 6 p.m. instead of 9 p.m. from September' },
  { id: 'demo-span-review-ann1-2', articleId: 'demo-review-library', author: 'ann1', label: 'sourced_quote', quote: '“Evening hours are when students and shift workers can actually come in,”', speaker: 'Tomas Ferreira' },
  { id: 'demo-span-review-ann1-3', articleId: 'demo-review-library', author: 'ann1', label: 'sourced_quote', quote: '“Every department has been asked to find savings, and culture cannot be the exception,”', speaker: 'Hanna Lee' },
  { id: 'demo-span-review-ann1-4', articleId: 'demo-review-library', author: 'ann1', label: 'opinion', quote: 'It is a short-sighted decision that will hurt the residents who can least afford to buy books.' },
  { id: 'demo-span-review-ann2-1', articleId: 'demo-review-library', author: 'ann2', label: 'claim', quote: 'The central library will close at 6 p.m. instead of 9 p.m. from September, after the city council cut the culture budget by 8 percent.' },
  { id: 'demo-span-review-ann2-2', articleId: 'demo-review-library', author: 'ann2', label: 'sourced_quote', quote: '“Evening hours are when students and shift workers can actually come in,”', speaker: 'Tomas Ferreira' },
  { id: 'demo-span-review-ann2-3', articleId: 'demo-review-library', author: 'ann2', label: 'claim', quote: 'Branch libraries in Eastbank and Millford will open four days a week instead of six.' },
  { id: 'demo-span-review-ann2-4', articleId: 'demo-review-library', author: 'ann2', label: 'opinion', quote: 'It is a short-sighted decision that will hurt the residents who can least afford to buy books.' },
  { id: 'demo-span-review-ann1-5', articleId: 'demo-review-buses', author: 'ann1', label: 'claim', quote: 'Night bus services to the northern suburbs resume on Friday, two years after they were cancelled to save 600,000 euros a year.' },
  { id: 'demo-span-review-ann1-6', articleId: 'demo-review-buses', author: 'ann1', label: 'sourced_quote', quote: '“Cleaners, nurses and bakers have been walking home in the dark for two years,”', speaker: 'Ines Duarte' },
  { id: 'demo-span-review-ann1-7', articleId: 'demo-review-buses', author: 'ann1', label: 'claim', quote: 'The transport authority expects about 1,200 passengers a night.' },
  { id: 'demo-span-review-ann1-8', articleId: 'demo-review-buses', author: 'ann1', label: 'opinion', quote: 'Restoring the service is the least the authority could do after cancelling it so carelessly.' },
  { id: 'demo-span-review-ann2-5', articleId: 'demo-review-buses', author: 'ann2', label: 'claim', quote: 'Night bus services to the northern suburbs resume on Friday, two years after they were cancelled to save 600,000 euros a year.' },
  { id: 'demo-span-review-ann2-6', articleId: 'demo-review-buses', author: 'ann2', label: 'sourced_quote', quote: '“Cleaners, nurses and bakers have been walking home in the dark for two years,”', speaker: 'Ines Duarte' },
  { id: 'demo-span-review-ann2-7', articleId: 'demo-review-buses', author: 'ann2', label: 'claim', quote: 'Buses will run every 30 minutes between midnight and 5 a.m. on three routes.' },
  { id: 'demo-span-review-ann2-8', articleId: 'demo-review-buses', author: 'ann2', label: 'claim', quote: 'Restoring the service is the least the authority could do after cancelling it so carelessly.', note: 'Reads like a statement about what happened.' },
];
