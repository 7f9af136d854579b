import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';

// The browser project's global setup: one headless Debian chromium for the whole run, which each test
// file connects to (web/e2e/harness.ts) instead of launching its own (a second or two per file on the
// loaded CI machine). Every file still works in fresh contexts of its own: cookies, storage and service
// workers are per context, so nothing one file does reaches another.

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared chromium's endpoint; absent when a file runs outside the browser project (it launches its own). */
    chromiumWsEndpoint?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server: BrowserServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return async () => { await server.close(); };
}
