// The article metadata people check and correct, in the order forms show them. Shared by the
// import preview and the edit page so both ask for the same things with the same labels.
export const ARTICLE_METADATA_FIELDS = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'author', label: 'Author', type: 'text' },
  { name: 'outlet', label: 'Outlet', type: 'text' },
  { name: 'sourceUrl', label: 'Source URL', type: 'text' },
  { name: 'publishedOn', label: 'Publication date', type: 'date' },
  { name: 'topic', label: 'Topic', type: 'text' },
] as const;

export type ArticleMetadataField = (typeof ARTICLE_METADATA_FIELDS)[number]['name'];
