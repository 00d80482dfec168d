export { followUpSequence } from './followUpSequence';
