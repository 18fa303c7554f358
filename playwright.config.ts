// End-to-end tests drive the real UI. By default: Debian's Chromium against `koe serve` (the server
// face). With KOE_E2E_ELECTRON=1 and an Electron binary installed, the same specs drive the desktop
// app through Playwright's Electron launcher instead (see e2e/harness.ts).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts/,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
