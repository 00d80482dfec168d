// The thread behind htmlToPlainTextOffThread: converts the one HTML string it is sent, answers, and
// is ended by its caller.
import { parentPort } from 'node:worker_threads';
import { htmlToPlainText } from './htmlToText';

parentPort?.once('message', (html: string) => parentPort?.postMessage(htmlToPlainText(html)));
