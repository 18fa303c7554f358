// Settings → Speech API in the studio: a key is made, shown once, works against /v1, shows its last
// use, and stops working the moment it is revoked.
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
