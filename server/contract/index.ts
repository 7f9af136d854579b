// The one typed contract between server, web and devices: the web imports server/contract/ only.
// This index re-exports the parts; the parts import base.ts, never this file.
export * from './base';
export * from './routes';
export * from './requests';
export * from './plans';
export * from './live';
export * from './playbook';
export * from './supply';
export * from './suppliers';
