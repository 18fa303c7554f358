// Settings → Speech API in the studio: a key is made, shown once, works against /v1, shows its last
// use, and stops working the moment it is revoked; the browser origins listed there open /v1 to
// those web pages at once, and a mistyped one is named and not saved.
import { test, expect } from './harness';

test('create a key in Settings, use it, revoke it', async ({ studio }) => {
  test.skip(studio.face !== 'server', 'the browser page talks to its own server at /v1');
  const { page, baseUrl } = studio;
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('settings-api');
  await expect(card.getByTestId('settings-api-url')).toContainText(`${baseUrl}/v1`);
  await card.getByTestId('api-key-name').fill('Open WebUI');
  await card.getByTestId('api-key-create').click();
  const secret = (await card.getByTestId('api-key-secret').textContent())!.trim();
  expect(secret).toMatch(/^koe-/);
  await expect(card.getByTestId('api-keys')).toContainText('Open WebUI');
  await card.screenshot({ path: test.info().outputPath('api-card.png') });

  const models = await fetch(`${baseUrl}/v1/models`, { headers: { Authorization: `Bearer ${secret}` } });
  expect(models.status).toBe(200);

  // Shown once: gone after Done, and nowhere in the list.
  await card.getByTestId('api-key-done').click();
  await expect(card.getByTestId('api-key-secret')).toHaveCount(0);
  await expect(card).not.toContainText(secret);

  await card.locator('[data-testid^="api-key-revoke-"]').first().click();
  await expect(card).toContainText('No keys yet.');
  const after = await fetch(`${baseUrl}/v1/models`, { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status).toBe(401);
});

test('list a browser origin in Settings: /v1 answers its preflight at once', async ({ studio }) => {
  test.skip(studio.face !== 'server', 'the browser page talks to its own server at /v1');
  const { page, baseUrl } = studio;
  const preflight = (origin: string) => fetch(`${baseUrl}/v1/audio/speech`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } });
  expect((await preflight('http://localhost:3000')).status).toBe(403);

  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId('settings-api');
  const field = card.getByTestId('settings-api-cors');
  await field.fill('localhost:3000');
  await field.press('Enter');
  await expect(card.getByTestId('settings-api-cors-error')).toContainText('"localhost:3000" is not an origin');
  await card.screenshot({ path: test.info().outputPath('api-card-cors-error.png') });

  await field.fill('http://localhost:3000/, https://Notes.Example.com');
  await field.blur();
  await expect(card.getByTestId('settings-api-cors-error')).toHaveCount(0);
  await expect(field).toHaveValue('http://localhost:3000, https://notes.example.com');
  await card.screenshot({ path: test.info().outputPath('api-card-cors.png') });
  const ok = await preflight('http://localhost:3000');
  expect(ok.status).toBe(204);
  expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  expect((await preflight('https://other.example')).headers.get('access-control-allow-origin')).toBeNull();
});
