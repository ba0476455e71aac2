export { IMPORT_FORMATS, readDataset, type ImportedArticle, type ImportedSpan, type ImportFormat, type ReadProblem, type ReadResult } from './model';
export { detectFormat } from './detect';
export { readSlantJsonl } from './slant-jsonl';
export { readDoccano } from './doccano';
export { readLabelStudio } from './label-studio';
export { readCsv } from './csv';
