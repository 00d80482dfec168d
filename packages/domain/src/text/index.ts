// The text pipeline: HTML ↔ text, quoted history, one-line text, what conditions read of a message.
// It imports nothing of template rendering (templates/: render.ts, templateSandbox.ts …), which imports it.
export * from './htmlToText';
export * from './quotes';
export * from './content';
export * from './oneLine';
export * from './htmlOffThread';
export { htmlShape, type HtmlShape } from './htmlScan';
