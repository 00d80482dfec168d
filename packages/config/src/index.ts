export * from './parse';
export * from './base';
export * from './ingest';
export * from './worker';
export * from './sink';
export * from './admin';
export * from './payloadCodec';
export * from './temporalData';
